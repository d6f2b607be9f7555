/**
 * The bottom layer of lossgrid: what every other package shares and nothing of lossgrid's own. A parsed
 * YAML value with its path ({@link io.lossgrid.base.Node}), the one-line spec error
 * ({@link io.lossgrid.base.SpecException}) and did-you-mean hints ({@link io.lossgrid.base.Suggest}); the
 * declaration of a spec field ({@link io.lossgrid.base.Field} with its {@link io.lossgrid.base.Type} and
 * {@link io.lossgrid.base.Rule}s, grouped per map in a {@link io.lossgrid.base.Section}), from which parsing,
 * errors, the canonical form, the JSON Schema and the README table come; canonical JSON
 * ({@link io.lossgrid.base.Canonical}) and the one duplicate check ({@link io.lossgrid.base.Distinct}).
 * This package imports no other lossgrid package; every other package may import it.
 */
package io.lossgrid.base;
