export { PhoneOrderPage } from './PhoneOrderPage';
export { OrdersPage } from './OrdersPage';
export { OrderDrawer, OrderTimeline } from './OrderDrawer';
export { ElderPicker, type PickedElder } from './ElderPicker';
export {
  ChannelTag,
  OrderPrice,
  OrderStatusTag,
  OrderWindow,
  SeatsLine,
  ORDER_STATUSES,
  cancellable,
  dispatchable,
} from './labels';
export { useOrders, useOrder, useOrderChanged, usePriceList, type OrderFilters } from './useOrders';
