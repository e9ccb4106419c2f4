package ${package};

import dev.fnbridge.testkit.CrossTransportContracts;
import dev.fnbridge.testkit.FnbridgeContractTest;

/**
 * Every case in {@code src/test/resources/contracts} over HTTP, over Kafka (embedded
 * broker) and through the Lambda zip behind API Gateway, SQS, Kinesis, SNS and MSK events,
 * with the same result required everywhere. Runs after {@code package}
 * ({@code ./mvnw verify}).
 */
@FnbridgeContractTest
class ContractTests extends CrossTransportContracts {

}
