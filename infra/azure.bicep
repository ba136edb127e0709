// Referent in one resource group: App Service (Linux, Node 24) running the bot, the Azure Bot
// with its Teams channel, Cosmos DB (serverless) with the database and container the bot uses,
// and Application Insights. Deployed by m365agents.yml (arm/deploy) or by hand:
//   az deployment group create -g <rg> -f infra/azure.bicep -p resourceBaseName=<name> linkSecret=<secret>
// (docs/deploy.md walks through both).
// The web app's app settings are exactly keys bot/config.ts reads (checked by tests/deploy/).

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name; the web app is https://<resourceBaseName>.azurewebsites.net')
param resourceBaseName string

param location string = resourceGroup().location

@maxLength(42)
param botDisplayName string = 'Referent'

@allowed(['UserAssignedMSI', 'SingleTenant'])
@description('UserAssignedMSI (default): the bot signs in as a managed identity created here, no secret. SingleTenant: an existing Entra app registration.')
param botAppType string = 'UserAssignedMSI'

@description('SingleTenant only: the app registration\'s client id.')
param botAppId string = ''

@secure()
@description('SingleTenant only: the app registration\'s client secret.')
param botAppPassword string = ''

@secure()
@minLength(32)
@description('Signs minutes download links (LINK_SECRET); at least 32 characters.')
param linkSecret string

@description('Comma-separated tenants whose activities the bot accepts; empty: the bot\'s own tenant.')
param allowedTenantIds string = ''

param cosmosDatabaseName string = 'referent'

@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3'])
param webAppSku string = 'B1'

@allowed(['F0', 'S1'])
param botServiceSku string = 'F0'

@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'

var tenantId = subscription().tenantId
var useManagedIdentity = botAppType == 'UserAssignedMSI'
var appId = useManagedIdentity ? identity.properties.clientId : botAppId
var publicUrl = 'https://${webAppName}.azurewebsites.net'
var webAppName = resourceBaseName

// The identity the web app runs as. With UserAssignedMSI it is also the bot's identity;
// either way it reads and writes Cosmos DB through Entra ID (no account key in the app).
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-identity'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: '${resourceBaseName}-cosmos'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [{ name: 'EnableServerless' }]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }]
    // Entra ID only: the bot has no key to leak.
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: cosmosDatabaseName
  properties: {
    resource: { id: cosmosDatabaseName }
  }
}

// The one container the store uses (services/store/cosmos.ts): id 'docs', partition key /pk.
resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'docs'
  properties: {
    resource: {
      id: 'docs'
      partitionKey: { paths: ['/pk'], kind: 'Hash' }
    }
  }
}

// Built-in "Cosmos DB Built-in Data Contributor" (data plane: read and write items, read metadata).
resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions@2024-11-15' existing = {
  parent: cosmos
  name: '00000000-0000-0000-0000-000000000002'
}

resource identityCanUseCosmos 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, dataContributor.id)
  properties: {
    roleDefinitionId: dataContributor.id
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: webAppSku }
  properties: {
    reserved: true // Linux
  }
}

// What the bot reads (bot/config.ts). PORT is set by App Service itself.
var botSettings = [
  { name: 'MicrosoftAppId', value: appId }
  { name: 'MicrosoftAppType', value: botAppType }
  { name: 'MicrosoftAppTenantId', value: tenantId }
  { name: 'ALLOWED_TENANT_IDS', value: empty(allowedTenantIds) ? tenantId : allowedTenantIds }
  { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
  { name: 'COSMOS_DATABASE', value: cosmosDatabaseName }
  { name: 'PUBLIC_URL', value: publicUrl }
  { name: 'LINK_SECRET', value: linkSecret }
  { name: 'LOG_LEVEL', value: logLevel }
]
// A SingleTenant app registration has a secret, and Cosmos DB is reached as the web app's identity,
// which DefaultAzureCredential picks by AZURE_CLIENT_ID. With UserAssignedMSI neither: the bot's
// identity is that identity, and bot/config.ts hands its id to the Cosmos client.
var singleTenantSettings = useManagedIdentity
  ? []
  : [
      { name: 'MicrosoftAppPassword', value: botAppPassword }
      { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
    ]
// For the platform, not the bot: the build on deploy, and Application Insights' Node.js agent.
var platformSettings = [
  { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'true' }
  // The package holds dist/ already built: install production dependencies only, no build.
  { name: 'CUSTOM_BUILD_COMMAND', value: 'npm ci --omit=dev' }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
  { name: 'ApplicationInsightsAgent_EXTENSION_VERSION', value: '~3' }
]

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'node dist/bot/main.js'
      alwaysOn: true // the deadline and reminder scheduler runs in the process
      healthCheckPath: '/healthz'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      appSettings: concat(botSettings, singleTenantSettings, platformSettings)
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: botServiceSku }
  properties: union(
    {
      displayName: botDisplayName
      endpoint: '${publicUrl}/api/messages'
      msaAppId: appId
      msaAppType: botAppType
      msaAppTenantId: tenantId
    },
    useManagedIdentity ? { msaAppMSIResourceId: identity.id } : {}
  )
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// Written by the Agents Toolkit into env/.env.<env> (names upper-cased), read by m365agents.yml.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_ID string = appId
output BOT_TENANT_ID string = tenantId
output PUBLIC_URL string = publicUrl
output COSMOS_ENDPOINT string = cosmos.properties.documentEndpoint
