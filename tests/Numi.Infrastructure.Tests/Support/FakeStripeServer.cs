using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Numi.Infrastructure.Tests.Support;

/// <summary>A local Stripe on a free port that records every request Numi sends (through Stripe.net) and answers like
/// Stripe's test mode for the calls Numi makes: balance, customers, PaymentIntents (Stripe's <c>pm_card_*</c> test methods
/// decide the outcome), refunds. Requests Stripe would refuse, or that break Numi's promises, get Stripe's 400 error body
/// (see <see cref="FakeStripeRules"/>); <c>payment_method</c> comes back as an object only when <c>expand</c> asks for it.
/// Each secret key is its own account; a POST repeated with the same Idempotency-Key gets the first answer. <see cref="FailNext"/> makes the next requests to an endpoint fail: the connection dropped before or after Stripe
/// did the work, a 500, or the 409 of a key another request is still using.</summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    public enum Failure { DropConnection, LoseAnswer, ServerError, KeyInUse }

    /// <summary>The API version Stripe.net 53.1.0 pins (<c>StripeConfiguration.ApiVersion</c>); anything else is refused.</summary>
    public const string PinnedVersion = "2026-10-28.endive";

    public sealed record Recorded(string Method, string Path, string Query, string? Authorization, string? IdempotencyKey, string? StripeVersion,
        IReadOnlyList<KeyValuePair<string, string>> Form, IReadOnlyList<KeyValuePair<string, string>> QueryFields)
    {
        public string? Field(string name) => Form.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();
        public string? QueryField(string name) => QueryFields.Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault();

        /// <summary>A list parameter in Stripe.net's indexed encoding (<c>name[0]</c>, <c>name[1]</c>…), in order.</summary>
        public IReadOnlyList<string> List(string name) => [.. (Method == "POST" ? Form : QueryFields)
            .Select(f => (f, Index: f.Key.StartsWith(name + "[", StringComparison.Ordinal) && f.Key.EndsWith(']') && int.TryParse(f.Key[(name.Length + 1)..^1], out var i) ? i : -1))
            .Where(x => x.Index >= 0).OrderBy(x => x.Index).Select(x => x.f.Value)];
        public string? SecretKey => Authorization?.StartsWith("Bearer ", StringComparison.Ordinal) == true ? Authorization["Bearer ".Length..] : null;
    }

    private sealed record Intent(string Id, string Account, long Amount, string Currency, string? PaymentMethod, Dictionary<string, string> Metadata)
    {
        public string Status { get; set; } = "succeeded";
    }

    /// <summary>Keys Stripe refuses with 401.</summary>
    public const string RefusedKey = "sk_test_refusedbyfakestripe";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Recorded> _requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Failure>> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _idempotent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _keyParameters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Gathering> _gatherings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Intent> _intents = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Account, string Email, string Id, string? Organization)> _customers = new();
    private int _counter;
    private int _refunds;

    private FakeStripeServer(WebApplication app) => _app = app;

    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    public IReadOnlyList<Recorded> Requests => [.. _requests];
    public IEnumerable<Recorded> Posts(string path) => Requests.Where(r => r.Method == "POST" && r.Path == path);
    /// <summary>PaymentIntents created (a charge), across all accounts.</summary>
    public int IntentCount => _intents.Count;
    /// <summary>Refunds made (not answered from an idempotency key), across all accounts.</summary>
    public int RefundCount => _refunds;
    /// <summary>The ids of the customers created with this email, across all accounts.</summary>
    public IReadOnlyList<string> CustomersWith(string email) => [.. _customers.Where(c => c.Email == email).Select(c => c.Id)];

    public static async Task<FakeStripeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeStripeServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    public void FailNext(Failure failure, string method, string path, int times = 1)
    {
        var queue = _failures.GetOrAdd(method + " " + path, _ => new ConcurrentQueue<Failure>());
        for (var i = 0; i < times; i++) queue.Enqueue(failure);
    }

    /// <summary>Holds the first <paramref name="count"/> requests to an endpoint until all of them have arrived, so they
    /// are answered at the same moment: simultaneous requests, made to happen.</summary>
    public void Gather(string method, string path, int count) => _gatherings[method + " " + path] = new Gathering(count);

    private sealed class Gathering(int count)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) >= count) _all.TrySetResult();
            return _all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>The shopper passed (or failed) the bank's check of a payment waiting in <c>requires_action</c>.</summary>
    public void Authenticate(string paymentIntentId, bool approved) =>
        _intents[paymentIntentId].Status = approved ? "succeeded" : "requires_payment_method";

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = request.HasFormContentType ? (await request.ReadFormAsync()).SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList() : [];
        var query = request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
        var recorded = new Recorded(request.Method, request.Path, request.QueryString.Value ?? "", request.Headers.Authorization, request.Headers["Idempotency-Key"],
            request.Headers["Stripe-Version"], form, query);
        _requests.Enqueue(recorded);
        if (FakeStripeRules.Problem(recorded, Endpoint(recorded), request.ContentType) is { } problem)
        {
            await WriteAsync(context, 400, Error("invalid_request_error", "parameter_unknown", null, problem.Message, problem.Param));
            return;
        }
        if (_gatherings.TryGetValue(recorded.Method + " " + recorded.Path, out var gathering)) await gathering.ArriveAsync();

        var failure = _failures.TryGetValue(recorded.Method + " " + recorded.Path, out var queue) && queue.TryDequeue(out var next) ? next : (Failure?)null;
        if (failure is Failure.DropConnection)
        {
            context.Abort();
            return;
        }
        if (failure is Failure.ServerError)
        {
            await WriteAsync(context, 500, Error("api_error", null, null, "Something went wrong on Stripe's end."));
            return;
        }
        if (failure is Failure.KeyInUse)
        {
            await WriteAsync(context, 409, KeyInUse);
            return;
        }
        if (recorded.SecretKey is not { } account || account == RefusedKey)
        {
            await WriteAsync(context, 401, Error("invalid_request_error", null, null, "Invalid API Key provided."));
            return;
        }
        if (request.Method == "POST" && recorded.IdempotencyKey is { } key)
        {
            var (status, body) = Idempotent(account + "/" + key, recorded, account);
            if (failure is Failure.LoseAnswer) context.Abort();
            else await WriteAsync(context, status, body);
            return;
        }
        var (getStatus, getBody) = Answer(recorded, account);
        if (failure is Failure.LoseAnswer) context.Abort();
        else await WriteAsync(context, getStatus, getBody);
    }

    /// <summary>As Stripe: a key's first answer is kept and given again; a request while another with the same key is
    /// still being answered gets 409 (and is safe to retry); the same key with other parameters is a 400
    /// <c>idempotency_error</c>.</summary>
    private (int, string) Idempotent(string key, Recorded request, string account)
    {
        var parameters = request.Path + "?" + string.Join('&', request.Form.Select(f => f.Key + "=" + f.Value));
        if (_keyParameters.GetOrAdd(key, parameters) != parameters) return (400, KeyReusedWithOtherParameters);
        if (_idempotent.TryGetValue(key, out var kept)) return kept;
        if (!_inFlight.TryAdd(key, 0))
            return (409, KeyInUse);
        try
        {
            if (_idempotent.TryGetValue(key, out kept)) return kept;
            return _idempotent[key] = Answer(request, account);
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }

    private static string Endpoint(Recorded request) =>
        request.Path.StartsWith("/v1/payment_intents/", StringComparison.Ordinal) ? request.Method + " /v1/payment_intents/{id}" : request.Method + " " + request.Path;

    private (int, string) Answer(Recorded request, string account) => (request.Method, request.Path) switch
    {
        ("GET", "/v1/balance") => (200, Json(new { @object = "balance", livemode = false })),
        ("GET", "/v1/customers") => (200, Json(new
        {
            @object = "list",
            data = _customers.Where(c => c.Account == account && c.Email == request.QueryField("email"))
                .Take(int.TryParse(request.QueryField("limit"), out var limit) ? limit : 10)
                .Select(c => new { id = c.Id, @object = "customer", metadata = Metadata(c.Organization) }).ToArray(),
        })),
        // Like Stripe, every creation (not answered from an idempotency key) is a new customer, even for an email it has.
        ("POST", "/v1/customers") => (200, Json(new
        {
            id = CreateCustomer(account, request.Field("email") ?? "", request.Field("metadata[numi_organization]")), @object = "customer",
        })),
        ("POST", "/v1/payment_intents") => CreateIntent(request, account),
        ("POST", "/v1/refunds") => CreateRefund(request, account),
        ("POST", "/v1/setup_intents") => CreateSetupIntent(request),
        ("GET", var path) when path.StartsWith("/v1/payment_intents/", StringComparison.Ordinal)
            && _intents.TryGetValue(path["/v1/payment_intents/".Length..], out var intent) && intent.Account == account => (200, IntentJson(intent, Expands(request))),
        _ => (404, Error("invalid_request_error", "resource_missing", null, $"Unrecognized request URL ({request.Method}: {request.Path}).")),
    };

    private string CreateCustomer(string account, string email, string? organization)
    {
        var id = Next("cus");
        _customers.Enqueue((account, email, id, organization));
        return id;
    }

    private static Dictionary<string, string> Metadata(string? organization) =>
        organization is null ? [] : new() { ["numi_organization"] = organization };

    private (int, string) CreateRefund(Recorded request, string account)
    {
        if (!_intents.TryGetValue(request.Field("payment_intent") ?? "", out var paid) || paid.Account != account)
            return (400, Error("invalid_request_error", "resource_missing", null, "No such payment_intent.", "payment_intent"));
        Interlocked.Increment(ref _refunds);
        return (200, Json(new { id = Next("re"), @object = "refund", status = "succeeded", amount = long.Parse(request.Field("amount")!), payment_intent = paid.Id }));
    }

    private (int, string) CreateIntent(Recorded request, string account)
    {
        var metadata = request.Form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal))
            .ToDictionary(f => f.Key["metadata[".Length..^1], f => f.Value);
        var method = request.Field("payment_method");
        var expanded = Expands(request);
        var intent = new Intent(Next("pi"), account, long.Parse(request.Field("amount")!), request.Field("currency")!, method, metadata);
        string? declineCode = method switch
        {
            "pm_card_chargeDeclined" => "generic_decline",
            "pm_card_chargeDeclinedInsufficientFunds" => "insufficient_funds",
            _ => null,
        };
        if (method is null || !method.StartsWith("pm_card_", StringComparison.Ordinal))
            return (400, Error("invalid_request_error", "resource_missing", null, $"No such PaymentMethod: '{method}'", "payment_method"));
        if (method == "pm_card_authenticationRequired")
            intent.Status = request.Field("off_session") == "true" ? "requires_payment_method" : "requires_action";
        if (declineCode is not null) intent.Status = "requires_payment_method";
        _intents[intent.Id] = intent;
        if (declineCode is not null)
            return (402, Error("card_error", "card_declined", declineCode, "Your card was declined.", null, IntentJson(intent, expanded)));
        if (intent.Status == "requires_payment_method")
            return (402, Error("card_error", "authentication_required", "authentication_required", "Your card was declined. This transaction requires authentication.", null, IntentJson(intent, expanded)));
        return (200, IntentJson(intent, expanded));
    }

    /// <summary>As Stripe's SetupIntents with the test methods: declining cards fail now, 0341 is kept (it fails when charged).</summary>
    private (int, string) CreateSetupIntent(Recorded request)
    {
        var method = request.Field("payment_method");
        if (method is null || !method.StartsWith("pm_card_", StringComparison.Ordinal))
            return (400, Error("invalid_request_error", "resource_missing", null, $"No such PaymentMethod: '{method}'", "payment_method"));
        var declined = method.StartsWith("pm_card_chargeDeclined", StringComparison.Ordinal);
        var setup = Json(new
        {
            id = Next("seti"), @object = "setup_intent", status = declined ? "requires_payment_method" : "succeeded", usage = request.Field("usage"),
            payment_method = Expands(request)
                ? new { id = method, @object = "payment_method", card = new { brand = "visa", last4 = method == "pm_card_chargeCustomerFail" ? "0341" : "4242" } }
                : (object)method,
        });
        if (!declined) return (200, setup);
        var error = JsonNode.Parse(Error("card_error", "card_declined", method.EndsWith("InsufficientFunds", StringComparison.Ordinal) ? "insufficient_funds" : "generic_decline",
            "Your card was declined."))!;
        error["error"]!["setup_intent"] = JsonNode.Parse(setup);
        return (402, error.ToJsonString());
    }

    private static bool Expands(Recorded request) => request.List("expand").Contains("payment_method");

    /// <summary>As Stripe: <c>payment_method</c> is the id, or the PaymentMethod (with its card) when expanded.</summary>
    private static string IntentJson(Intent intent, bool expanded) => Json(new
    {
        id = intent.Id,
        @object = "payment_intent",
        amount = intent.Amount,
        currency = intent.Currency,
        status = intent.Status,
        client_secret = intent.Id + "_secret_fake",
        metadata = intent.Metadata,
        payment_method = expanded
            ? new { id = intent.PaymentMethod, @object = "payment_method", card = new { brand = "visa", last4 = intent.PaymentMethod == "pm_card_chargeDeclinedInsufficientFunds" ? "9995" : "4242" } }
            : (object?)intent.PaymentMethod,
        last_payment_error = intent.Status == "requires_payment_method" && intent.PaymentMethod == "pm_card_authenticationRequired"
            ? new { type = "card_error", code = "payment_intent_authentication_failure", decline_code = (string?)null, message = "Authentication failed." }
            : null,
    });

    private static readonly string KeyReusedWithOtherParameters =
        Error("idempotency_error", null, null, "Keys for idempotent requests can only be used with the same parameters they were first used with.");

    private static readonly string KeyInUse =
        Error("idempotency_error", null, null, "There is currently another in-progress request using this Idempotent Key.");

    private string Next(string prefix) => $"{prefix}_fake{Interlocked.Increment(ref _counter):D6}";

    private static string Error(string type, string? errorCode, string? declineCode, string message, string? param = null, string? intent = null) =>
        new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = type, ["code"] = errorCode, ["decline_code"] = declineCode, ["message"] = message, ["param"] = param,
                ["payment_intent"] = intent is null ? null : JsonNode.Parse(intent),
            },
        }.ToJsonString();

    private static string Json(object value) => JsonSerializer.Serialize(value);

    private static async Task WriteAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
