/**
 * A local AWS Lambda Runtime API and a launcher that runs a Lambda artifact through AWS's
 * own runtime interface client against it: {@code sam local invoke} without Docker, for
 * tests and for rehearsing a deploy.
 */
package dev.fnbridge.lambda.local;
