using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Numi.Web.Client.Api;

/// <summary>Numi's own <c>/api/v1</c>, called from the browser with the merchant's sign-in cookie (the browser sends it
/// on same-origin requests). Every write carries the antiforgery token the server handed to this page, which the API
/// requires of a cookie-signed request. A 401 means the sign-in ended: the page goes to sign in again.</summary>
public sealed class NumiApiClient(HttpClient http, AntiforgeryStateProvider antiforgery, NavigationManager navigation)
{
    public const string AntiforgeryHeader = "RequestVerificationToken";

    public async Task<T> GetAsync<T>(string path, CancellationToken ct)
    {
        using var response = await http.GetAsync(path, ct);
        EnsureSignedIn(response);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(WireJson.Lenient, ct)
            ?? throw new InvalidOperationException($"{path} answered an empty body.");
    }

    /// <summary>Posts <paramref name="body"/> as JSON; the response as it came, for the caller to read its outcome.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, object body, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: WireJson.Lenient) }, ct);

    /// <summary>Posts <paramref name="body"/> as JSON written by generated code (<paramref name="type"/>), which the browser's
    /// interpreter runs much faster than reflection.</summary>
    public Task<HttpResponseMessage> PostAsync<T>(string path, T body, JsonTypeInfo<T> type, CancellationToken ct) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, type) }, ct);

    /// <summary>Deletes <paramref name="path"/> (its arguments in the query); the response as it came.</summary>
    public Task<HttpResponseMessage> DeleteAsync(string path, CancellationToken ct) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), ct);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var sent = request;
        if (antiforgery.GetAntiforgeryToken() is { } token) request.Headers.Add(AntiforgeryHeader, token.Value);
        var response = await http.SendAsync(request, ct);
        EnsureSignedIn(response);
        return response;
    }

    private void EnsureSignedIn(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Unauthorized) return;
        var here = navigation.ToBaseRelativePath(navigation.Uri);
        navigation.NavigateTo("account/signin?ReturnUrl=" + Uri.EscapeDataString("/" + here), forceLoad: true);
        throw new SessionEndedException();
    }
}

/// <summary>The sign-in ended while the page was open; the page is already on its way to sign in.</summary>
public sealed class SessionEndedException() : Exception("The sign-in has ended.");
