/**
 * Expands a spec into its trials in a fixed order, each with a content-addressed id that stays the same
 * in any sweep holding the same configuration.
 */
package io.lossgrid.grid;
