import pytest
from django.contrib.contenttypes.models import ContentType


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    """Start each test with the content type cache empty, so query counts do
    not depend on which tests ran before."""
    ContentType.objects.clear_cache()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def changeform_data(response) -> dict:
    """The POST a browser would send for a change form left as it is."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data
