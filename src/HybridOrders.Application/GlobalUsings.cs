// Types every capability shares: the ports, settings and rules in Common, and how customers are named (Customers).
global using HybridOrders.Application.Common;
global using HybridOrders.Application.Customers;
