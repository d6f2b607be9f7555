/**
 * The cheap side of the warm query server: what {@code scripts/sweep sql} and the table verbs run first. It
 * finds this user's query server ({@link io.lossgrid.wire.ServerPlace}: a Unix domain socket in a private
 * directory), hands it the call ({@link io.lossgrid.wire.Wire}) and prints what comes back; when no server
 * answers it runs the call in this JVM and starts a server for the next calls
 * ({@link io.lossgrid.client.QueryClient}). This package and {@code wire} import JDK classes only (a test checks it), so a
 * call the server answers loads no Spark class; the server itself is {@code io.lossgrid.cli.QueryServer}, and a
 * call the client runs itself goes to {@code io.lossgrid.cli.Main}, found by name.
 */
package io.lossgrid.client;
