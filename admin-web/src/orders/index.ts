export { PhoneOrderPage } from './PhoneOrderPage';
export { OrderPrice, OrderStatusTag } from './labels';
