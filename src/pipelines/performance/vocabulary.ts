/** The value lists of the web sessions: the original project's lists. */
export const SESSION_EVENTS = ['login', 'page_view', 'search', 'add_to_cart', 'purchase', 'logout'];
/**
 * How often each event of a session is of each type (percent). The original draws them
 * uniformly; a little weight on page views and less on purchases gives the funnel a shape.
 */
export const SESSION_EVENT_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['login', 12],
  ['page_view', 34],
  ['search', 18],
  ['add_to_cart', 14],
  ['purchase', 10],
  ['logout', 12],
];
export const DEVICES = ['mobile', 'desktop', 'tablet'];
export const REGIONS = ['US-West', 'US-East', 'EU', 'APAC', 'LATAM'];

/** The device dimension, broadcast to every task in the join (the original project's rows, and a class). */
export const DEVICE_DIMENSION: ReadonlyArray<{ device: string; device_name: string; os_family: string; screen_size: string; device_class: string }> = [
  { device: 'mobile', device_name: 'Mobile Device', os_family: 'iOS/Android', screen_size: 'Small Screen', device_class: 'handheld' },
  { device: 'desktop', device_name: 'Desktop Computer', os_family: 'Windows/Mac/Linux', screen_size: 'Large Screen', device_class: 'desktop' },
  { device: 'tablet', device_name: 'Tablet Device', os_family: 'iOS/Android', screen_size: 'Medium Screen', device_class: 'handheld' },
];
export const DEVICE_CLASSES = [...new Set(DEVICE_DIMENSION.map((d) => d.device_class))];

/** Lifetime spend thresholds of the user segments, highest first (the original's). */
export const USER_SEGMENTS = [
  ['Premium', 1000],
  ['Gold', 500],
  ['Silver', 100],
] as const;

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
