// Package effective computes the serviceBus configuration Magento actually
// reads, as its DeploymentConfig does (domain.md §8;
// docs/configuration-sources.md):
//
//  1. app/etc/config.php, then app/etc/env.php over it
//     (array_replace_recursive: env.php wins key by key);
//  2. when the environment is known, the JSON object in
//     MAGENTO_DC__OVERRIDE replacing whole top-level sections
//     (array_replace);
//  3. `#env(NAME)` / `#env(NAME, "default")` placeholders (Magento's own
//     pattern) and the plain PHP forms getenv('X'), getenv('X') ?: lit,
//     $_ENV['X'], $_ENV['X'] ?? lit resolved against that environment, or,
//     when it is unknown, left without a value except their fallback.
//
// Every value keeps its Origin: a file element (config.php or env.php),
// the override variable with the offset of the value in its JSON, and the
// variable a reference was read from (its env file and line, or the
// process environment).
//
// The API, for the rules (through linter.Context.ServiceBus) and for other
// commands (doctor, fleet reports):
//
//	env := effective.NewEnv(os.Environ())     // or nil: unknown
//	err := env.AddFile("prod.env", data, os.LookupEnv)
//	sb := effective.Build(project, env)       // project may lack either file
//	e := sb.Get("url")                        // *Entry: Value, Origin, Ref
//	e.Describe()                              // "from MAGENTO_DC__OVERRIDE at prod.env:2"
//	effective.EnvValues(project, env)         // values to register: Redactor.AddEnvValue
//
// An Entry's Value is nil when it cannot be known statically; Written is
// the value as its layer holds it; Literal reports whether a fix may edit
// the value where it is written.
package effective
