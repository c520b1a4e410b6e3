// skysync on Azure. Two storage accounts: the vault data (manifest table + blob container) and the
// Functions host's own storage (its keys, timer locks and the Flex app package), so that the host's
// broad role never reaches the data. A Key Vault holds the bootstrap secret. A Linux Flex
// Consumption Function App runs Java 17 with a system-assigned managed identity; Application
// Insights. No account keys anywhere: shared key access is off on both accounts, the function
// reaches Table and Blob storage with its identity and signs user delegation SAS. Every role is a
// data role on the narrowest scope the operation allows (docs/azure.md, "Roles").
//
//   az group create -n <group> -l <region>
//   az deployment group create -g <group> -f infra/azure/main.bicep -p @<parameters file>
//
// The parameters file carries appName and bootstrapSecret (main.parameters.example.json), so the
// secret never appears on a command line. Then zip-deploy the staged app (docs/azure.md).

targetScope = 'resourceGroup'

@description('Name of the Function App; also the start of the other resources\' names. Globally unique.')
@minLength(3)
@maxLength(40)
param appName string

@description('Region of every resource.')
param location string = resourceGroup().location

@description('The secret that may create vaults (POST /v1/vaults), at least 32 characters. Kept in the Key Vault; the app reads it through a Key Vault reference.')
@secure()
@minLength(32)
param bootstrapSecret string

@description('Java version of the function runtime.')
@allowed([
  '17'
  '21'
])
param javaVersion string = '17'

@description('Upper bound on instances: caps cost under load or abuse.')
param maximumInstanceCount int = 40

// Storage account and key vault names have at most 24 characters: a readable prefix of the app
// name, a short infix, and the 13-character uniqueString suffix, which is never cut.
var suffix = uniqueString(resourceGroup().id, appName)
var namePrefix = take(toLower(replace(appName, '-', '')), 8)
var dataStorageName = '${namePrefix}dt${suffix}'
var hostStorageName = '${namePrefix}hs${suffix}'
var keyVaultName = 'kv${namePrefix}${suffix}'
var manifestTable = 'skysync'
var blobContainer = 'skysync'
var deploymentContainer = 'app-package'
var bootstrapSecretName = 'bootstrap-secret'

// Built-in role definitions (fixed GUIDs, the same in every tenant).
var storageBlobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var storageBlobDelegator = 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

// ----- the vault data -----

resource dataStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: dataStorageName
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

resource dataBlobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: dataStorage
  name: 'default'
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: dataBlobService
  name: blobContainer
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: dataStorage
  name: 'default'
}

resource manifest 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: manifestTable
}

// ----- the Functions host's storage -----

resource hostStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: hostStorageName
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

resource hostBlobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: hostStorage
  name: 'default'
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: hostBlobService
  name: deploymentContainer
  properties: {
    publicAccess: 'None'
  }
}

// ----- the bootstrap secret -----

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

// Each deployment with a new value makes a new version; the app setting names that version, so the
// setting changes, the app restarts and reads the new value at once (docs/azure.md, "Rotation").
resource bootstrap 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: bootstrapSecretName
  properties: {
    value: bootstrapSecret
    contentType: 'text/plain'
  }
}

// ----- monitoring -----

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

// ----- the function app -----

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
          value: '${hostStorage.properties.primaryEndpoints.blob}${deploymentContainer}'
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
    }
  }
}

// App settings as their own resource, written after the role assignments: the host can reach its
// storage and the Key Vault reference can resolve only once the identity holds its roles.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // The host's own storage, reached with the identity (no connection string, no key).
    AzureWebJobsStorage__accountName: hostStorage.name
    APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
    SKYSYNC_STORAGE_ACCOUNT: dataStorage.name
    SKYSYNC_TABLE: manifestTable
    SKYSYNC_CONTAINER: blobContainer
    SKYSYNC_BOOTSTRAP_SECRET: '@Microsoft.KeyVault(SecretUri=${bootstrap.properties.secretUriWithVersion})'
  }
  dependsOn: [
    hostBlobOwner
    dataBlobContributor
    dataBlobDelegator
    dataTableContributor
    secretReader
  ]
}

// ----- roles: data roles only, each on the narrowest scope; no control-plane role, no key listing -----

// The host keeps its keys and the timer's locks in blobs of its own account and reads the Flex
// package there; Microsoft's table for identity-based host storage asks for Blob Data Owner.
resource hostBlobOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, app.id, storageBlobDataOwner)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataOwner)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Blob reads, HEADs, listing and deletes of the clean-up, and the SAS the function signs: the one container.
resource dataBlobContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(blobs.id, app.id, storageBlobDataContributor)
  scope: blobs
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Get User Delegation Key is an account-level operation, so this role cannot be scoped lower. It
// grants that one action and no data access; what a SAS may do is bounded by the container role.
resource dataBlobDelegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(dataStorage.id, app.id, storageBlobDelegator)
  scope: dataStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDelegator)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource dataTableContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(manifest.id, app.id, storageTableDataContributor)
  scope: manifest
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource secretReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(bootstrap.id, app.id, keyVaultSecretsUser)
  scope: bootstrap
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Base URL of the API; the client\'s endpoint.')
output apiUrl string = 'https://${app.properties.defaultHostName}'

output functionAppName string = app.name
output dataStorageAccountName string = dataStorage.name
output hostStorageAccountName string = hostStorage.name
output keyVaultName string = vault.name
