/**
 * The bottom layer of lossgrid: what every other package shares and nothing of lossgrid's own. A parsed
 * YAML value with its path ({@link io.lossgrid.base.Node}), the one-line spec error
 * ({@link io.lossgrid.base.SpecException}) and did-you-mean hints ({@link io.lossgrid.base.Suggest}).
 * This package imports no other lossgrid package; every other package may import it.
 */
package io.lossgrid.base;
