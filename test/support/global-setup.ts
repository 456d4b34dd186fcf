// Placeholder: starts the local parts (DynamoDB Local, S3 server) for the integration project.
export default async function setup(): Promise<void> {}
