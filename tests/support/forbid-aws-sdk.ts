/**
 * A Bun preload that makes loading any file of the AWS SDK throw. Tests run awsmfa from
 * source under it to prove that a path (the cached login) never loads the SDK.
 */
import { plugin } from "bun";

plugin({
  name: "forbid-aws-sdk",
  setup(build) {
    build.onLoad({ filter: /node_modules[\\/]@(aws-sdk|smithy)[\\/]/ }, (args) => {
      throw new Error(`AWS SDK loaded: ${args.path}`);
    });
  },
});
