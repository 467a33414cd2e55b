/** The value lists of the generated sources; the original project's lists where it had them. */
export const FIRST_NAMES = ['John', 'Jane', 'Bob', 'Alice', 'Charlie', 'Diana', 'Eve', 'Frank', 'Grace', 'Henry', 'Ivy', 'Jack', 'Kelly', 'Leo', 'Mia', 'Noah'];
export const LAST_NAMES = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Wilson', 'Anderson'];
export const CITIES = ['New York', 'Los Angeles', 'Chicago', 'Houston', 'Phoenix', 'Philadelphia', 'San Antonio', 'San Diego', 'Dallas', 'Austin'];
export const CATEGORIES = ['Electronics', 'Clothing', 'Books', 'Home', 'Sports', 'Food', 'Toys', 'Health'];
export const PAYMENT_METHODS = ['credit_card', 'debit_card', 'paypal', 'cash', 'apple_pay', 'google_pay'];
export const TRANSACTION_STATUSES = ['completed', 'pending', 'cancelled', 'refunded'];
export const DEVICES = ['mobile', 'desktop', 'tablet'];
export const BROWSERS = ['chrome', 'firefox', 'safari', 'edge'];
export const TRANSACTION_LOCATIONS = ['US', 'CA', 'UK', 'DE', 'FR', 'JP', 'AU'];
export const SUPPLIERS = ['Supplier A', 'Supplier B', 'Supplier C', 'Supplier D', 'Supplier E'];

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
