package dev.fnbridge.app.lambda;

import dev.fnbridge.testkit.CrossTransportContracts;
import dev.fnbridge.testkit.FnbridgeContractTest;

import org.springframework.test.context.TestPropertySource;

/**
 * The contract cases in {@code src/test/resources/contracts} over HTTP, Kafka (embedded
 * broker) and the packaged Lambda zip behind API Gateway, SQS, Kinesis, SNS and MSK
 * events, with fnbridge's test kit, exactly as an application of your own would use it.
 * To add a contract: drop a case file there; the topics come from the application's
 * bindings.
 */
@FnbridgeContractTest
@TestPropertySource(properties = "spring.cloud.stream.kafka.binder.min-partition-count=1")
class CrossTransportContractIntegrationTests extends CrossTransportContracts {

}
