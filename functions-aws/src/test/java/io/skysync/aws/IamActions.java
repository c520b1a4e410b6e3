package io.skysync.aws;

import static java.util.Map.entry;

import io.skysync.aws.ReachableAwsCalls.Operation;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What IAM asks of each AWS SDK operation the functions call: the action and the resource it is
 * checked against. This is AWS's rule, listed once; which operations the code calls is read from the
 * code ({@link ReachableAwsCalls}), never listed by hand.
 */
final class IamActions {
    /** The resource an action is authorized on, as template.yaml names it. */
    enum Scope {
        TABLE(new SamTemplate.Intrinsic("GetAtt", "ManifestTable.Arn")),
        BUCKET(new SamTemplate.Intrinsic("GetAtt", "BlobBucket.Arn")),
        OBJECTS(new SamTemplate.Intrinsic("Sub", "${BlobBucket.Arn}/vaults/*"));

        final SamTemplate.Intrinsic resource;

        Scope(SamTemplate.Intrinsic resource) {
            this.resource = resource;
        }
    }

    record Grant(String action, Scope scope) {
    }

    /** Client methods that are not service operations. */
    private static final Set<String> NOT_OPERATIONS = Set.of("builder", "build", "create", "close", "serviceName",
            "serviceClientConfiguration", "utilities");

    private static final Map<String, Set<Grant>> GRANTS = Map.ofEntries(
            entry("DynamoDbClient.getItem", table("dynamodb:GetItem")),
            entry("DynamoDbClient.transactGetItems", table("dynamodb:GetItem")),
            entry("DynamoDbClient.batchGetItem", table("dynamodb:BatchGetItem")),
            entry("DynamoDbClient.batchGetItemPaginator", table("dynamodb:BatchGetItem")),
            entry("DynamoDbClient.query", table("dynamodb:Query")),
            entry("DynamoDbClient.queryPaginator", table("dynamodb:Query")),
            entry("DynamoDbClient.scan", table("dynamodb:Scan")),
            entry("DynamoDbClient.scanPaginator", table("dynamodb:Scan")),
            entry("DynamoDbClient.putItem", table("dynamodb:PutItem")),
            entry("DynamoDbClient.updateItem", table("dynamodb:UpdateItem")),
            entry("DynamoDbClient.deleteItem", table("dynamodb:DeleteItem")),
            entry("DynamoDbClient.batchWriteItem", table("dynamodb:BatchWriteItem")),
            // TransactWriteItems has no action of its own: each item is authorized by its kind.
            entry("DynamoDbClient.transactWriteItems", Set.of()),
            entry("TransactWriteItem$Builder.put", table("dynamodb:PutItem")),
            entry("TransactWriteItem$Builder.update", table("dynamodb:UpdateItem")),
            entry("TransactWriteItem$Builder.delete", table("dynamodb:DeleteItem")),
            entry("TransactWriteItem$Builder.conditionCheck", table("dynamodb:ConditionCheckItem")),
            entry("DynamoDbClient.createTable", table("dynamodb:CreateTable")),
            entry("DynamoDbClient.describeTable", table("dynamodb:DescribeTable")),
            entry("DynamoDbClient.waiter", table("dynamodb:DescribeTable")),
            // HeadObject is authorized as GetObject; without ListBucket a missing key answers 403, not 404.
            entry("S3Client.headObject", Set.of(new Grant("s3:GetObject", Scope.OBJECTS),
                    new Grant("s3:ListBucket", Scope.BUCKET))),
            entry("S3Client.getObject", objects("s3:GetObject")),
            entry("S3Client.putObject", objects("s3:PutObject")),
            entry("S3Client.deleteObject", objects("s3:DeleteObject")),
            // A copy reads its source and writes its target, both objects of the bucket (S3 API reference, CopyObject).
            entry("S3Client.copyObject", Set.of(new Grant("s3:GetObject", Scope.OBJECTS),
                    new Grant("s3:PutObject", Scope.OBJECTS))),
            entry("S3Client.deleteObjects", objects("s3:DeleteObject")),
            entry("S3Client.listObjectsV2", Set.of(new Grant("s3:ListBucket", Scope.BUCKET))),
            entry("S3Client.listObjectsV2Paginator", Set.of(new Grant("s3:ListBucket", Scope.BUCKET))),
            // A presigned URL is authorized, when used, as the signer's own request.
            entry("S3Presigner.presignPutObject", objects("s3:PutObject")),
            entry("S3Presigner.presignGetObject", objects("s3:GetObject")));

    private IamActions() {
    }

    /**
     * The grants an operation needs; empty for calls that are not service operations (model
     * builders, client factories). An unknown operation of a service client fails, so a new SDK call
     * cannot reach the template unnoticed.
     */
    static Optional<Set<Grant>> of(Operation operation) {
        String key = operation.toString();
        if (GRANTS.containsKey(key)) {
            return Optional.of(GRANTS.get(key));
        }
        boolean client = operation.owner().endsWith("Client") || operation.owner().endsWith("Presigner")
                || operation.owner().equals("TransactWriteItem$Builder");
        if (!client || NOT_OPERATIONS.contains(operation.name())) {
            return Optional.of(Set.of());
        }
        return Optional.empty();
    }

    private static Set<Grant> table(String action) {
        return Set.of(new Grant(action, Scope.TABLE));
    }

    private static Set<Grant> objects(String... actions) {
        Set<Grant> grants = new HashSet<>();
        for (String action : actions) {
            grants.add(new Grant(action, Scope.OBJECTS));
        }
        return Set.copyOf(grants);
    }
}
