// skysync on Azure: one storage account (manifest table + blob container + the Functions host's
// own storage), a Linux Flex Consumption Function App running Java 17 with a system-assigned
// managed identity, and Application Insights. No account keys anywhere: shared key access is off,
// the function reaches Table and Blob storage with its identity and signs user delegation SAS.
//
//   az deployment group create -g <group> -f infra/azure/main.bicep \
//     -p appName=<globally unique name> bootstrapSecret=<secret>
//
// Then zip-deploy the staged app (see docs/azure.md).

targetScope = 'resourceGroup'

@description('Name of the Function App; also the prefix of the other resources. Globally unique.')
@minLength(3)
@maxLength(40)
param appName string

@description('Region of every resource.')
param location string = resourceGroup().location

@description('The secret that may create vaults (POST /v1/vaults). Empty disables vault creation.')
@secure()
param bootstrapSecret string

@description('Java version of the function runtime.')
@allowed([
  '17'
  '21'
])
param javaVersion string = '17'

@description('Upper bound on instances: caps cost under load or abuse.')
param maximumInstanceCount int = 40

var storageName = take(toLower(replace('${appName}st${uniqueString(resourceGroup().id)}', '-', '')), 24)
var manifestTable = 'skysync'
var blobContainer = 'skysync'
var deploymentContainer = 'app-package'

// Built-in role definitions (fixed GUIDs, the same in every tenant).
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageBlobDelegator = 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: blobContainer
  properties: {
    publicAccess: 'None'
  }
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainer
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource manifest 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: manifestTable
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${appName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${appName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableLocalAuth: false
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${appName}-plan'
  location: location
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'java'
        version: javaVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        {
          // The host's own storage, reached with the identity (no connection string, no key).
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
        {
          name: 'SKYSYNC_STORAGE_ACCOUNT'
          value: storage.name
        }
        {
          name: 'SKYSYNC_TABLE'
          value: manifestTable
        }
        {
          name: 'SKYSYNC_CONTAINER'
          value: blobContainer
        }
        {
          name: 'SKYSYNC_BOOTSTRAP_SECRET'
          value: bootstrapSecret
        }
      ]
    }
  }
}

// Data roles only, each scoped to this one storage account: no control-plane role, no key listing.
resource blobDataRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageBlobDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource blobDelegatorRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageBlobDelegator)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDelegator)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableDataRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, app.id, storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Base URL of the API; the client\'s endpoint.')
output apiUrl string = 'https://${app.properties.defaultHostName}'

output functionAppName string = app.name
output storageAccountName string = storage.name
