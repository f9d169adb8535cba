"""Form pieces the admin's upload pages share."""

from django import forms
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse

from catalog.importers.summary import ImportSummary


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        files = [super(MultipleFileField, self).clean(file, initial) for file in files if file]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


def import_results_page(model_admin, request, *, form, outcomes, title, intro, summary_models):
    """The upload form and, after a post, each file's outcome and the summary,
    as the import commands print them."""
    total = ImportSummary()
    for outcome in outcomes:
        if outcome.ok:
            total.merge(outcome.summary)
    dry_run = form.is_bound and form.is_valid() and form.cleaned_data.get("dry_run", False)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "opts": model_admin.opts,
        "form": form,
        "outcomes": outcomes,
        "summary": total.rows(summary_models),
        "imported": sum(outcome.ok for outcome in outcomes),
        "dry_run": dry_run,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/catalog/import_files.html", context)
