"""The HTTP service: FastAPI app factory, routes, problem+json errors, keys, atomic reload."""
