/**
 * The sweep spec: YAML read by {@link io.lossgrid.spec.SpecLoader} into validated, serialisable records
 * (data, models, losses, training, the α × learning-rate × optimizer × seed grid, convergence rules and
 * limits). Every broken rule is a {@link io.lossgrid.base.SpecException} with a one-line message naming the
 * field's path, the rule and the value found.
 */
package io.lossgrid.spec;
