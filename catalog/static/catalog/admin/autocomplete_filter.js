'use strict';
// Picking a record in an autocomplete filter reloads the list filtered by it.
{
    const $ = django.jQuery;

    $(function() {
        $('.catalog-filter-select').on('change', function() {
            const params = new URLSearchParams(window.location.search);
            params.delete('p');
            if (this.value) {
                params.set(this.dataset.parameter, this.value);
            } else {
                params.delete(this.dataset.parameter);
            }
            window.location.search = params.toString();
        });
    });
}
