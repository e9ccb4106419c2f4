/**
 * The Lambda cold-start benchmark and its reference handlers: a Spring-less floor and a
 * Spring Boot application with one bean. Never deployed.
 */
package dev.fnbridge.benchmark.lambda;
