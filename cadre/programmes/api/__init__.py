"""API endpoints of the programmes, one module per programme."""
