// Placeholder entry point; the fake AWS server is built in FakeAwsServer.
return 0;
