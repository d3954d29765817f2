/** `npm run setup:moto`: installs the S3-compatible test server (moto) into `.tools/`. */
import { installS3Server } from './s3-server';

installS3Server((line) => console.log(`[s3] ${line}`))
  .then((dir) => console.log(`[s3] moto: ${dir}`))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
