/**
 * The AWS Lambda transport: {@link dev.fnbridge.lambda.FunctionHandler} serves every
 * function of the application from one artifact and turns each AWS event shape into
 * function input and the function's result (or error) into what that event source
 * expects.
 */
package dev.fnbridge.lambda;
