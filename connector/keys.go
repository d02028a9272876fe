// Package connector is the one table of the OMS connector's serviceBus
// keys (domain.md §1 and §9): their env.php (PHP) names, their profile
// (.omslint.yaml) names, their types, which are secret, which are URLs and
// what each should hold. Config, the rules, the generator, the redactor and
// the plan all read this table; nothing else lists the keys. It is a leaf
// package: it imports nothing of omslint.
package connector

import "strings"

// ServiceBus is the exact top-level deployment-config key the connector
// reads (camelCase).
const ServiceBus = "serviceBus"

// Key is one serviceBus key.
type Key struct {
	// PHP is the key in env.php/config.php and MAGENTO_DC__OVERRIDE
	// (Magento's snake_case).
	PHP string
	// YAML is the key under `service-bus:` in .omslint.yaml (kebab-case).
	YAML string
	// Bool is true for secure_endpoint; every other key holds a string.
	Bool bool
	// Secret values are never shown (cli.md "Secrets"); a literal one in
	// the profile is OMS403.
	Secret bool
	// URL keys are checked by the URL rules (OMS110-OMS115).
	URL bool
	// Optional keys may be absent (no OMS104, generate leaves them out
	// unless given).
	Optional bool
	// Expect says what the value should be, for messages.
	Expect string
}

// Keys are the seven keys every public example lists, in the order Magento
// users paste them, then the optional application_base_url (domain.md §9).
var Keys = []Key{
	{PHP: "url", YAML: "url", URL: true,
		Expect: "the base URL of the Magento Integration Bus, an absolute https URL ending with '/'"},
	{PHP: "oauth_server_url", YAML: "oauth-server-url", URL: true,
		Expect: "the root of the OAuth 2.0 server, an absolute https URL ending with '/'"},
	{PHP: "oauth_client_id", YAML: "oauth-client-id",
		Expect: "the OAuth client id issued by Magento support"},
	{PHP: "oauth_client_secret", YAML: "oauth-client-secret", Secret: true,
		Expect: "the OAuth client secret issued with the client id"},
	{PHP: "application_id", YAML: "application-id",
		Expect: "the id under which this Magento instance registers with the MIB"},
	{PHP: "secret", YAML: "secret", Secret: true,
		Expect: "the shared secret that signs the MIB's callbacks"},
	{PHP: "secure_endpoint", YAML: "secure-endpoint", Bool: true,
		Expect: "the bool true, as in every published example"},
	{PHP: "application_base_url", YAML: "application-base-url", URL: true, Optional: true,
		Expect: "Magento's base URL as the bus reaches it (for callbacks), an absolute https URL to a public host ending with '/'"},
}

// Lookup returns the key with an env.php name, or nil.
func Lookup(php string) *Key {
	for i := range Keys {
		if Keys[i].PHP == php {
			return &Keys[i]
		}
	}
	return nil
}

// LookupYAML returns the key with a profile name, or nil.
func LookupYAML(yaml string) *Key {
	for i := range Keys {
		if Keys[i].YAML == yaml {
			return &Keys[i]
		}
	}
	return nil
}

// PHPNames lists the env.php names, in table order, joined by ", ".
func PHPNames() string {
	names := make([]string, len(Keys))
	for i, k := range Keys {
		names[i] = k.PHP
	}
	return strings.Join(names, ", ")
}

// YAMLNames lists the profile names in table order.
func YAMLNames() []string {
	names := make([]string, len(Keys))
	for i, k := range Keys {
		names[i] = k.YAML
	}
	return names
}
