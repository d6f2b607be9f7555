/**
 * The sweep spec: YAML read by {@link io.lossgrid.spec.SpecLoader} into validated, serialisable records
 * (data, models, losses, training, the α × learning-rate × optimizer × seed grid, the search that chooses
 * trials instead of the grid's product ({@link io.lossgrid.spec.SearchSpec}), convergence rules and limits). Each record declares its fields once ({@code FIELDS}); parsing, validation, the resolved form in
 * {@code sweep.json} and, through {@link io.lossgrid.spec.SpecDocs}, the JSON Schema and the README's spec
 * table come from those declarations. Every broken rule is a {@link io.lossgrid.base.SpecException} with a
 * one-line message naming the field's path, the rule and the value found.
 */
package io.lossgrid.spec;
