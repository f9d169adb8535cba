"""Form pieces the admin's upload pages share."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse

from catalog.outcomes import ImportSummary


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


class FileUploadMixin:
    """An admin page where editors upload files, each handled as the matching
    import command handles it, with the same outcomes and summary.

    Set `upload_form`, `upload_path`, `upload_title`, `upload_intro` and
    `upload_summary_models`, and define `import_upload(upload, options)`;
    `options` holds the form's fields and `user`, whose permissions the
    import checks.
    """

    upload_form: type[forms.Form]
    upload_path: str
    upload_title: str
    upload_intro: str
    upload_summary_models: tuple = ()
    change_list_template = "admin/catalog/upload_change_list.html"

    def changelist_view(self, request, extra_context=None):
        """The list, with a button to the upload page for those who may add."""
        opts = self.opts
        extra_context = {
            **(extra_context or {}),
            "upload_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_upload"),
            "upload_title": self.upload_title,
        }
        return super().changelist_view(request, extra_context)

    def import_upload(self, upload, options: dict):
        raise NotImplementedError

    def upload_results(self, outcomes, *, dry_run: bool) -> list[dict] | None:
        """Rows for a table of results, one per file; None lists them as lines."""
        return None

    def get_urls(self):
        opts = self.opts
        return [
            path(
                self.upload_path,
                self.admin_site.admin_view(self.upload_view),
                name=f"{opts.app_label}_{opts.model_name}_upload",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = self.upload_form(request.POST or None, request.FILES or None)
        outcomes, total, dry_run = [], ImportSummary(), False
        if request.method == "POST" and form.is_valid():
            options = {k: v for k, v in form.cleaned_data.items() if k != "files"}
            options["user"] = request.user
            dry_run = bool(options.get("dry_run"))
            outcomes = [self.import_upload(f, options) for f in form.cleaned_data["files"]]
            for outcome in outcomes:
                if outcome.ok:
                    total.merge(outcome.summary)
        context = {
            **self.admin_site.each_context(request),
            "title": self.upload_title,
            "intro": self.upload_intro,
            "opts": self.opts,
            "form": form,
            "outcomes": outcomes,
            "summary": total.rows(self.upload_summary_models),
            "imported": sum(outcome.ok for outcome in outcomes),
            "dry_run": dry_run,
            "results": self.upload_results(outcomes, dry_run=dry_run) if outcomes else None,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/catalog/import_files.html", context)
