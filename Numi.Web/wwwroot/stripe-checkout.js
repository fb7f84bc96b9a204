// Stripe mode on the shopper's pages. Checkout and the portal's card form: mounts Stripe's Payment Element, and on
// submit asks Stripe.js for a payment method (pm_...) that the form then posts instead of card fields. Authentication: hands the payment's
// client secret to Stripe.js for the bank's check, then posts the form so the server asks Stripe for the outcome.
(function () {
    'use strict';
    if (typeof Stripe !== 'function') return;

    function checkout(box) {
        var form = box.closest('form');
        var hidden = document.getElementById('co-payment-method');
        var problem = document.getElementById('co-stripe-error');
        var stripe = Stripe(box.dataset.stripeKey);
        // Without an amount the card is kept for later (the portal's card form): Stripe's setup mode.
        var options = box.dataset.amount
            ? { mode: 'payment', amount: Number(box.dataset.amount) }
            : { mode: 'setup', setupFutureUsage: 'off_session' };
        options.currency = box.dataset.currency;
        options.paymentMethodCreation = 'manual';
        options.paymentMethodTypes = ['card'];
        var elements = stripe.elements(options);
        elements.create('payment').mount('#co-payment-element');
        var busy = false;

        form.addEventListener('submit', function (event) {
            var submitter = event.submitter;
            if (hidden.value || (submitter && submitter.value !== 'pay' && submitter.value !== 'save-card')) return;
            event.preventDefault();
            if (busy) return;
            busy = true;
            problem.textContent = '';
            elements.submit().then(function (checked) {
                if (checked.error) throw checked.error;
                var email = form.elements['Input.Email'];
                return stripe.createPaymentMethod({ elements: elements, params: { billing_details: { email: email ? email.value : undefined } } });
            }).then(function (created) {
                if (created.error) throw created.error;
                hidden.value = created.paymentMethod.id;
                form.requestSubmit(submitter || undefined);
            }).catch(function (error) {
                problem.textContent = error.message || 'Your card could not be checked. Try again.';
            }).finally(function () {
                busy = false;
            });
        });
    }

    // Whatever the bank answered (or if nothing is left to do), the server asks Stripe for the outcome.
    function authenticate(form) {
        if (!form.dataset.clientSecret) {
            form.requestSubmit();
            return;
        }
        Stripe(form.dataset.stripeKey).handleNextAction({ clientSecret: form.dataset.clientSecret }).finally(function () {
            form.requestSubmit();
        });
    }

    var box = document.getElementById('co-stripe');
    if (box) checkout(box);
    var waiting = document.getElementById('co-next-action');
    if (waiting) authenticate(waiting);
})();
