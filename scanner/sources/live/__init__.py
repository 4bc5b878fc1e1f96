"""Live sources: read cloud accounts through their APIs and yield native resources."""
