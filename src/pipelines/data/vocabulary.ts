/** The value lists of the retail pipeline's generated sources: the original project's lists. */
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
