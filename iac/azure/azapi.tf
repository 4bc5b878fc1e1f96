# What azurerm cannot express, written with azapi (the ARM request body): a compute instance
# with idle shutdown, a Kubernetes compute without local auth, managed online endpoints, and a
# second workspace as Azure Verified Modules write it.

resource "azapi_resource" "workspace_claims" {
  type      = "Microsoft.MachineLearningServices/workspaces@2024-10-01"
  name      = "mlw-${var.prefix}-claims"
  parent_id = azurerm_resource_group.ml.id
  location  = var.location

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.ml.id]
  }

  body = {
    sku = { name = "Basic", tier = "Basic" }
    properties = {
      storageAccount              = azurerm_storage_account.ml.id
      keyVault                    = azurerm_key_vault.ml.id
      applicationInsights         = azurerm_application_insights.ml.id
      publicNetworkAccess         = "Disabled"
      hbiWorkspace                = true
      v1LegacyMode                = true
      primaryUserAssignedIdentity = azurerm_user_assigned_identity.ml.id
      systemDatastoresAuthMode    = "identity"
      encryption = {
        status = "Enabled"
        identity = {
          userAssignedIdentity = azurerm_user_assigned_identity.ml.id
        }
        keyVaultProperties = {
          keyVaultArmId = azurerm_key_vault.ml.id
          keyIdentifier = azurerm_key_vault_key.ml.id
        }
      }
      managedNetwork = {
        isolationMode = "AllowOnlyApprovedOutbound"
      }
    }
  }
}

resource "azurerm_private_endpoint" "claims" {
  name                = "pe-mlw-${var.prefix}-claims"
  location            = azurerm_resource_group.ml.location
  resource_group_name = azurerm_resource_group.ml.name
  subnet_id           = azurerm_subnet.endpoints.id

  private_service_connection {
    name                           = "mlw-claims"
    private_connection_resource_id = azapi_resource.workspace_claims.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
}

resource "azapi_resource" "claims_logs" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  name      = "diag-mlw-claims"
  parent_id = azapi_resource.workspace_claims.id

  body = {
    properties = {
      workspaceId = azurerm_log_analytics_workspace.security.id
      logs = [
        { categoryGroup = "audit", enabled = true },
      ]
    }
  }
}

resource "azapi_resource" "instance_alice" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "ci-${var.prefix}-alice"
  parent_id = azurerm_machine_learning_workspace.fraud.id
  location  = var.location

  body = {
    properties = {
      computeType      = "ComputeInstance"
      disableLocalAuth = true
      properties = {
        vmSize                           = "Standard_E4ds_v4"
        computeInstanceAuthorizationType = "personal"
        enableNodePublicIp               = false
        idleTimeBeforeShutdown           = "PT60M"
        subnet = {
          id = local.compute_subnet_id
        }
        sshSettings = {
          sshPublicAccess = "Disabled"
        }
      }
    }
  }
}

resource "azapi_resource" "scoring_aks" {
  type      = "Microsoft.MachineLearningServices/workspaces/computes@2024-10-01"
  name      = "aks-${var.prefix}-scoring"
  parent_id = azurerm_machine_learning_workspace.fraud.id
  location  = var.location

  body = {
    properties = {
      computeType      = "AKS"
      disableLocalAuth = true
      resourceId       = "/subscriptions/5f1c3b6e-2d4a-4c8e-9b7a-1e2f3a4b5c6d/resourceGroups/rg-contoso-aks/providers/Microsoft.ContainerService/managedClusters/aks-contoso-scoring"
      properties = {
        clusterPurpose = "FastProd"
        sslConfiguration = {
          status          = "Auto"
          leafDomainLabel = "contoso-fraud"
        }
      }
    }
  }
}

resource "azapi_resource" "endpoint_fraud" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "ep-${var.prefix}-fraud"
  parent_id = azurerm_machine_learning_workspace.fraud.id
  location  = var.location

  identity {
    type = "SystemAssigned"
  }

  body = {
    properties = {
      authMode            = "AADToken"
      publicNetworkAccess = "Disabled"
    }
  }
}

# Weak: key authentication, public scoring.
resource "azapi_resource" "endpoint_demo" {
  type      = "Microsoft.MachineLearningServices/workspaces/onlineEndpoints@2024-10-01"
  name      = "ep-${var.prefix}-demo"
  parent_id = azurerm_machine_learning_workspace.sandbox.id
  location  = var.location

  identity {
    type = "SystemAssigned"
  }

  body = jsonencode({
    properties = {
      authMode = "Key"
    }
  })
}
