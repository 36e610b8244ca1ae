# The child of `awsmfa exec --server` across expiring sessions: botocore asks the endpoint again
# whenever its session is near its end, and each STS call must still succeed.
import json, os
import botocore.session

session = botocore.session.get_session()
sts = session.create_client("sts", endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name="eu-west-1")
keys = []
for _ in range(3):
    sts.get_caller_identity()
    keys.append(session.get_credentials().get_frozen_credentials().access_key)
print(json.dumps({"keys": keys}))
