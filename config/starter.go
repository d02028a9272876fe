package config

// Starter returns the commented starter file `omslint init` writes. Every
// section is present, so a reader learns the whole format from one file,
// but every example is commented out ("# " before each line; prose
// comments start with "##"): an active example (an ignore of OMS113, a
// rule switched to info, a profile) would change what lint reports before
// anyone chose it. The file parses to an empty configuration, and
// uncomment(Starter()) to a complete one (tests check both, and validate
// the uncommented file against docs/omslint.schema.json).
func Starter() string { return starter }

const starter = `## omslint configuration (docs/config.md in omslint describes every key).
## omslint reads this file from the Magento root (or the nearest folder above
## the current one); "omslint lint --config FILE" names another.
## Schema for editors: docs/omslint.schema.json
##
## Everything below is an example and commented out, so this file changes
## nothing until you uncomment a line: remove the leading "# " of the lines
## you want (lines starting with "##" explain them).

## When does "omslint lint" fail (exit 1)? On findings at or above this
## severity: error | warning | info | never. The --fail-on flag wins.
# fail-on: error

## Change a rule's severity, or switch it off: off | error | warning | info.
## "omslint rules" lists the rule IDs; "omslint explain OMS120" explains one.
# rules:
#   OMS122: info            # secure_endpoint false: known and accepted here

## Silence rules for one file (a path relative to the Magento root; globs
## such as app/etc/*.php work). Prefer this to "// omslint-ignore" comments in
## env.php: "bin/magento" rewrites env.php and drops its comments. Every
## entry needs a reason, for whoever reads this file next.
# ignore:
#   - path: app/etc/env.php
#     rules: [OMS113]
#     reason: staging talks to the OMS mock on mom.test

## Extra env.php keys (dotted paths) whose values are secret: omslint prints
## them as ******** everywhere, like serviceBus secrets, crypt.key and every
## "password" key, which are masked already.
# secret-keys:
#   - system.default.payment.braintree.private_key

## One profile per environment. "omslint lint --env NAME" checks env.php
## against it; "omslint generate --env NAME" writes the serviceBus block
## from it.
# environments:
#   production:
#     # production | preproduction | development. In production, a mock or
#     # private host in the URLs is an error, not a warning.
#     kind: production
#     # The seven serviceBus keys of env.php, written with '-' instead of '_'.
#     service-bus:
#       url: https://mib.example.com/                 # Magento Integration Bus base URL, ends with /
#       oauth-server-url: https://oauth.example.com/  # OAuth server root, ends with /
#       application-id: my-shop                       # the id this Magento registers under
#       oauth-client-id: my-shop-client               # issued by Magento support
#       # Secrets are never written here (that is finding OMS403): name the
#       # environment variable that holds them, as ${NAME}.
#       oauth-client-secret: ${OMS_OAUTH_CLIENT_SECRET}
#       secret: ${OMS_SECRET}
#       secure-endpoint: true
#     # OMS sales channels and the Magento websites they serve. Each channel
#     # has exactly one stock aggregate: the aggregate's code in OMS, which is
#     # also the "stock code" at MCOM > Manage Stock Aggregates in the Admin.
#     sales-channels:
#       - id: my-shop-web       # the OMS sales channel id
#         website: base         # the Magento website code
#         stock-aggregate: main # the OMS stock aggregate code

#   staging:
#     kind: preproduction
#     service-bus:
#       url: https://mib.staging.example.com/
#       oauth-server-url: https://oauth.staging.example.com/
#       application-id: my-shop-staging
#       oauth-client-id: my-shop-staging-client
#       oauth-client-secret: ${OMS_OAUTH_CLIENT_SECRET}
#       secret: ${OMS_SECRET}
#       secure-endpoint: true
#     sales-channels:
#       - id: my-shop-web
#         website: base
#         stock-aggregate: main
`
