"""Domain errors map to HTTP in this one place. Every error body is {"detail": "..."}."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from indexer.errors import InvalidInput, ModelError, NotFound, ReferatError, StoreError


class Unauthorized(ReferatError):
    """The API key is missing or wrong."""


class TooLarge(ReferatError):
    """An upload is over the configured size."""


STATUS: dict[type[ReferatError], int] = {
    Unauthorized: 401,
    TooLarge: 413,
    NotFound: 404,
    InvalidInput: 422,
    ModelError: 503,
    StoreError: 503,
}


def status_of(exc: ReferatError) -> int:
    for kind, status in STATUS.items():
        if isinstance(exc, kind):
            return status
    return 400


def install(app: FastAPI) -> None:
    @app.exception_handler(ReferatError)
    async def domain_error(_: Request, exc: ReferatError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status_of(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": describe(exc)}, status_code=422)


def describe(exc: RequestValidationError) -> str:
    """One readable sentence per problem, naming the parameter: 'date_from: ...'."""
    parts = []
    for error in exc.errors():
        if error.get("type") == "json_invalid":
            reason = (error.get("ctx") or {}).get("error", "")
            parts.append(f"the body is not valid JSON ({reason}): send a JSON object")
            continue
        loc = list(error.get("loc", ()))
        if loc and loc[0] in LOCATIONS:  # where the value was sent, not its name
            loc = loc[1:]
        where = ".".join(str(p) for p in loc)
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid value')}")
    return "; ".join(parts)


LOCATIONS = ("query", "body", "path", "header", "cookie")
