/**
 * Devices of a Spark task: which GPU Spark assigned to the task ({@link io.lossgrid.device.TaskDevice}), what
 * ND4J's backend can do with it ({@link io.lossgrid.device.Backend}), the device a trial really trained on
 * ({@link io.lossgrid.device.Device}), and the resource request a run makes ({@link io.lossgrid.device.GpuRequest}).
 * A task binds its device before it creates any ND4J array. Imports no other lossgrid package.
 */
package io.lossgrid.device;
