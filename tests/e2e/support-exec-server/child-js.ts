// The child of `awsmfa exec --server`: the JS SDK's container provider (fromHttp) gets the
// session from the endpoint twice.
import { fromHttp } from "@aws-sdk/credential-provider-http";

const provider = fromHttp({});
const first = await provider();
const second = await provider();
console.log(
  JSON.stringify({
    key: first.accessKeyId,
    again: second.accessKeyId,
    expiration: first.expiration,
  }),
);
