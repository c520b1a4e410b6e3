package io.skysync.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3OperationNameTest {

    @ParameterizedTest(name = "{0} {1}?{2} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "GET    | /                 | null                                   | false | ListBuckets",
        "PUT    | /bucket           | null                                   | false | CreateBucket",
        "HEAD   | /bucket           | null                                   | false | HeadBucket",
        "GET    | /bucket           | list-type=2&prefix=a                   | false | ListObjectsV2",
        "POST   | /bucket           | delete                                 | false | DeleteObjects",
        "PUT    | /bucket/a/b       | x-id=PutObject                         | false | PutObject",
        "PUT    | /bucket/a/b       | X-Amz-Algorithm=AWS4&X-Amz-Signature=f | false | PutObject",
        "PUT    | /bucket/a/b       | null                                   | true  | CopyObject",
        "PUT    | /bucket/a/b       | partNumber=1&uploadId=u                | false | UploadPart",
        "GET    | /bucket/a/b       | X-Amz-Expires=900&X-Amz-Signature=f    | false | GetObject",
        "HEAD   | /bucket/a/b       | null                                   | false | HeadObject",
        "DELETE | /bucket/a/b       | null                                   | false | DeleteObject",
        "POST   | /bucket/a/b       | uploads                                | false | CreateMultipartUpload",
        "POST   | /bucket/a/b       | uploadId=u                             | false | CompleteMultipartUpload",
        "DELETE | /bucket/a/b       | uploadId=u                             | false | AbortMultipartUpload",
    })
    void of_request_namesTheS3Operation(String method, String path, String query, boolean copy, String expected) {
        assertThat(S3OperationName.of(method, path, query, copy)).isEqualTo(expected);
    }
}
