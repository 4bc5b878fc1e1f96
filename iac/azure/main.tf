# Azure Machine Learning sample estate: a weak and a hardened variant of each kind, in azurerm,
# azapi and (arm/) an ARM template. `mlposture scan iac/azure` judges all three alike.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
    azapi = {
      source  = "Azure/azapi"
      version = "~> 2.0"
    }
  }
}

provider "azurerm" {
  features {}
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "prefix" {
  type    = string
  default = "contoso"
}

locals {
  # Written out rather than `azurerm_subnet.compute.id`: the subnet already exists in the
  # network team's state, and azapi bodies take plain IDs.
  compute_subnet_id = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-contoso-network/providers/Microsoft.Network/virtualNetworks/vnet-contoso-hub/subnets/snet-ml-compute"
  tags = {
    owner       = "ml-platform"
    cost_center = "4711"
  }
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "ml" {
  name     = "rg-${var.prefix}-ml"
  location = var.location
  tags     = local.tags
}

resource "azurerm_virtual_network" "ml" {
  name                = "vnet-${var.prefix}-ml"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  address_space       = ["10.20.0.0/16"]
}

resource "azurerm_subnet" "compute" {
  name                 = "snet-compute"
  resource_group_name  = azurerm_resource_group.ml.name
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.20.1.0/24"]
}

resource "azurerm_subnet" "endpoints" {
  name                 = "snet-private-endpoints"
  resource_group_name  = azurerm_resource_group.ml.name
  virtual_network_name = azurerm_virtual_network.ml.name
  address_prefixes     = ["10.20.2.0/24"]
}

resource "azurerm_private_dns_zone" "azureml" {
  name                = "privatelink.api.azureml.ms"
  resource_group_name = azurerm_resource_group.ml.name
}

resource "azurerm_user_assigned_identity" "ml" {
  name                = "id-${var.prefix}-ml"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
}

resource "azurerm_application_insights" "ml" {
  name                = "appi-${var.prefix}-ml"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  application_type    = "web"
}

resource "azurerm_key_vault" "ml" {
  name                     = "kv-${var.prefix}-ml"
  location                 = azurerm_resource_group.ml.location
  resource_group_name      = azurerm_resource_group.ml.name
  tenant_id                = data.azurerm_client_config.current.tenant_id
  sku_name                 = "premium"
  purge_protection_enabled = true
}

resource "azurerm_key_vault_key" "ml" {
  name         = "ml-cmk"
  key_vault_id = azurerm_key_vault.ml.id
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}

resource "azurerm_storage_account" "ml" {
  name                            = "st${var.prefix}ml"
  location                        = azurerm_resource_group.ml.location
  resource_group_name             = azurerm_resource_group.ml.name
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  shared_access_key_enabled       = false
  allow_nested_items_to_be_public = false
}

resource "azurerm_storage_container" "training" {
  name               = "training-data"
  storage_account_id = azurerm_storage_account.ml.id
}

resource "azurerm_log_analytics_workspace" "security" {
  name                = "log-${var.prefix}-security"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  retention_in_days   = 365
}
