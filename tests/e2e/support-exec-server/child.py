# The child of `awsmfa exec --server`: botocore's container provider gets the session from the
# endpoint, calls STS with it, and a request without the token is refused.
import json, os, urllib.error, urllib.request
import botocore.session

session = botocore.session.get_session()
creds = session.get_credentials()
sts = session.create_client("sts", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name="eu-west-1")
arn = sts.get_caller_identity()["Arn"]
try:
    urllib.request.urlopen(os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"])
    refused = 200
except urllib.error.HTTPError as e:
    refused = e.code
print(json.dumps({
    "method": creds.method,
    "key": creds.get_frozen_credentials().access_key,
    "arn": arn,
    "refused": refused,
    "url": os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"],
    "static": "AWS_ACCESS_KEY_ID" in os.environ,
}))
