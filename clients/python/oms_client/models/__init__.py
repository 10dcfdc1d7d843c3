""" Contains all the data models used in inputs/outputs """

from .actor import Actor
from .actor_type import ActorType
from .address import Address
from .address_country import AddressCountry
from .bulk_action_name import BulkActionName
from .bulk_order_action import BulkOrderAction
from .bulk_order_entry import BulkOrderEntry
from .bulk_order_result import BulkOrderResult
from .bulk_order_results import BulkOrderResults
from .cancel_order_request import CancelOrderRequest
from .change_staff_request import ChangeStaffRequest
from .counts_by_status import CountsByStatus
from .create_book_order import CreateBookOrder
from .create_customer_request import CreateCustomerRequest
from .create_order_by_email import CreateOrderByEmail
from .create_order_for_customer import CreateOrderForCustomer
from .create_product_request import CreateProductRequest
from .create_webhook_request import CreateWebhookRequest
from .customer import Customer
from .customer_list import CustomerList
from .customer_saved import CustomerSaved
from .dashboard import Dashboard
from .dashboard_day import DashboardDay
from .delivery import Delivery
from .delivery_attempt import DeliveryAttempt
from .delivery_event_type import DeliveryEventType
from .delivery_list import DeliveryList
from .delivery_queued import DeliveryQueued
from .delivery_status import DeliveryStatus
from .error import Error
from .error_detail import ErrorDetail
from .execution import Execution
from .execution_event import ExecutionEvent
from .execution_list import ExecutionList
from .execution_status import ExecutionStatus
from .health import Health
from .history_entry import HistoryEntry
from .history_entry_action import HistoryEntryAction
from .invite_staff_request import InviteStaffRequest
from .line_change import LineChange
from .open_api_document import OpenApiDocument
from .order import Order
from .order_changed import OrderChanged
from .order_counts import OrderCounts
from .order_created import OrderCreated
from .order_deleted import OrderDeleted
from .order_item import OrderItem
from .order_line import OrderLine
from .order_line_edit import OrderLineEdit
from .order_list import OrderList
from .order_status import OrderStatus
from .order_summary import OrderSummary
from .pagination import Pagination
from .postal_address import PostalAddress
from .product import Product
from .product_list import ProductList
from .product_saved import ProductSaved
from .replay_started import ReplayStarted
from .replay_webhook_request import ReplayWebhookRequest
from .staff_list import StaffList
from .staff_member import StaffMember
from .staff_role import StaffRole
from .staff_saved import StaffSaved
from .stats import Stats
from .status_counts import StatusCounts
from .stock_movement import StockMovement
from .stock_movement_kind import StockMovementKind
from .stock_movements import StockMovements
from .update_customer_request import UpdateCustomerRequest
from .update_order_request import UpdateOrderRequest
from .update_product_request import UpdateProductRequest
from .update_webhook_request import UpdateWebhookRequest
from .webhook import Webhook
from .webhook_created import WebhookCreated
from .webhook_deleted import WebhookDeleted
from .webhook_event_type import WebhookEventType
from .webhook_list import WebhookList
from .webhook_saved import WebhookSaved
from .workflow_start import WorkflowStart
from .workflow_started import WorkflowStarted
from .workflow_status import WorkflowStatus
from .workflow_status_source import WorkflowStatusSource

__all__ = (
    "Actor",
    "ActorType",
    "Address",
    "AddressCountry",
    "BulkActionName",
    "BulkOrderAction",
    "BulkOrderEntry",
    "BulkOrderResult",
    "BulkOrderResults",
    "CancelOrderRequest",
    "ChangeStaffRequest",
    "CountsByStatus",
    "CreateBookOrder",
    "CreateCustomerRequest",
    "CreateOrderByEmail",
    "CreateOrderForCustomer",
    "CreateProductRequest",
    "CreateWebhookRequest",
    "Customer",
    "CustomerList",
    "CustomerSaved",
    "Dashboard",
    "DashboardDay",
    "Delivery",
    "DeliveryAttempt",
    "DeliveryEventType",
    "DeliveryList",
    "DeliveryQueued",
    "DeliveryStatus",
    "Error",
    "ErrorDetail",
    "Execution",
    "ExecutionEvent",
    "ExecutionList",
    "ExecutionStatus",
    "Health",
    "HistoryEntry",
    "HistoryEntryAction",
    "InviteStaffRequest",
    "LineChange",
    "OpenApiDocument",
    "Order",
    "OrderChanged",
    "OrderCounts",
    "OrderCreated",
    "OrderDeleted",
    "OrderItem",
    "OrderLine",
    "OrderLineEdit",
    "OrderList",
    "OrderStatus",
    "OrderSummary",
    "Pagination",
    "PostalAddress",
    "Product",
    "ProductList",
    "ProductSaved",
    "ReplayStarted",
    "ReplayWebhookRequest",
    "StaffList",
    "StaffMember",
    "StaffRole",
    "StaffSaved",
    "Stats",
    "StatusCounts",
    "StockMovement",
    "StockMovementKind",
    "StockMovements",
    "UpdateCustomerRequest",
    "UpdateOrderRequest",
    "UpdateProductRequest",
    "UpdateWebhookRequest",
    "Webhook",
    "WebhookCreated",
    "WebhookDeleted",
    "WebhookEventType",
    "WebhookList",
    "WebhookSaved",
    "WorkflowStart",
    "WorkflowStarted",
    "WorkflowStatus",
    "WorkflowStatusSource",
)
