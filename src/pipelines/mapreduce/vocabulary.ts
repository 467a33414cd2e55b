/** The value lists of the event stream; the original project's lists where it had them. */
export const EVENT_TYPES = ['login', 'view', 'purchase', 'logout', 'signup', 'search', 'add_to_cart'];
/** How often each event type occurs (percent): a storefront's funnel narrows from views to purchases. */
export const EVENT_TYPE_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['login', 15],
  ['view', 35],
  ['purchase', 5],
  ['logout', 10],
  ['signup', 3],
  ['search', 17],
  ['add_to_cart', 15],
];
export const EVENT_LOCATIONS = ['US', 'CA', 'UK', 'DE', 'FR', 'JP', 'AU', 'IN', 'BR', 'MX'];
export const PAGES = ['homepage', 'product', 'checkout', 'account', 'help', 'about'];
export const USER_TIERS = ['free', 'basic', 'plus', 'premium'];
export const SEARCH_WORDS = [
  'laptop', 'phone', 'book', 'shoes', 'watch', 'camera', 'headphones', 'tablet', 'charger', 'backpack',
  'jacket', 'dress', 'jeans', 'sneakers', 'boots', 'lamp', 'chair', 'desk', 'sofa', 'pillow',
  'blender', 'kettle', 'coffee', 'tea', 'vitamins', 'shampoo', 'soap', 'toy', 'puzzle', 'lego',
  'ball', 'bike', 'helmet', 'tent', 'bottle', 'wireless', 'cheap', 'best', 'new', 'kids',
  'mens', 'womens', 'gaming', 'smart', 'organic', 'leather', 'red', 'black', 'mini', 'pro',
];
export const DEVICES = ['mobile', 'desktop', 'tablet'];
export const CATEGORIES = ['Electronics', 'Clothing', 'Books', 'Home', 'Sports', 'Food', 'Toys', 'Health'];
