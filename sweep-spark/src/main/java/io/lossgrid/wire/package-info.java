/**
 * What the query client and the query server share: where this user's server listens and who may reach it
 * ({@link io.lossgrid.wire.ServerPlace}), the protocol ({@link io.lossgrid.wire.Wire}: one call per connection,
 * the whole answer at once) and the settings ({@link io.lossgrid.wire.ServerSettings}). JDK classes only, like
 * the client, which loads it before any Spark class.
 */
package io.lossgrid.wire;
