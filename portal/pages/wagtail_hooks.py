from wagtail import hooks

from .access import page_access_response


@hooks.register("before_serve_page")
def enforce_audience(page, request, serve_args, serve_kwargs):
    return page_access_response(request, page)
