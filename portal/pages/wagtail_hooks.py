from django.urls import path
from wagtail import hooks

from .access import document_access_response, page_access_response
from .admin_views import translation_action


@hooks.register("before_serve_page")
def enforce_audience(page, request, serve_args, serve_kwargs):
    return page_access_response(request, page)


@hooks.register("before_serve_document")
def enforce_document_audience(document, request):
    return document_access_response(request, document)


@hooks.register("register_admin_urls")
def translation_workflow_urls():
    return [path("translation/<int:translation_id>/", translation_action, name="liaison_translation_action")]
