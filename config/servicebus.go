package config

// ServiceBusKey ties a `service-bus:` key of the profile to the env.php
// `serviceBus` key it describes. The profile uses kebab-case like the rest
// of the file; env.php uses Magento's snake_case. This table is the only
// place that knows the mapping.
type ServiceBusKey struct {
	YAML   string
	PHP    string
	Bool   bool // secure_endpoint is the one boolean
	Secret bool // a literal value here is OMS403
}

// ServiceBusKeys lists the seven keys in the order Magento's examples use.
var ServiceBusKeys = []ServiceBusKey{
	{YAML: "url", PHP: "url"},
	{YAML: "oauth-server-url", PHP: "oauth_server_url"},
	{YAML: "application-id", PHP: "application_id"},
	{YAML: "oauth-client-id", PHP: "oauth_client_id"},
	{YAML: "oauth-client-secret", PHP: "oauth_client_secret", Secret: true},
	{YAML: "secret", PHP: "secret", Secret: true},
	{YAML: "secure-endpoint", PHP: "secure_endpoint", Bool: true},
}

// LookupServiceBusKey finds a key by its YAML name.
func LookupServiceBusKey(yamlName string) (ServiceBusKey, bool) {
	for _, k := range ServiceBusKeys {
		if k.YAML == yamlName {
			return k, true
		}
	}
	return ServiceBusKey{}, false
}

// PHPKey returns the env.php key for a YAML key, or "" when there is none.
func PHPKey(yamlName string) string {
	k, _ := LookupServiceBusKey(yamlName)
	return k.PHP
}

// YAMLKey returns the profile key for an env.php serviceBus key, or "".
func YAMLKey(phpName string) string {
	for _, k := range ServiceBusKeys {
		if k.PHP == phpName {
			return k.YAML
		}
	}
	return ""
}

func serviceBusYAMLNames() []string {
	names := make([]string, len(ServiceBusKeys))
	for i, k := range ServiceBusKeys {
		names[i] = k.YAML
	}
	return names
}
