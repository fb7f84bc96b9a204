using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Numi.Tests.Support;
using Numi.Web.Tests.Infrastructure;

namespace Numi.Web.Tests.Api;

/// <summary>/api/v1/products through HTTP: round trips, archiving, lookup keys, unknown fields, tenancy and images.</summary>
[Collection(AppCollection.Name)]
public sealed class ProductsApiTests(NumiFactory factory)
{
    /// <summary>A complete 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Created_product_reads_back_the_same()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        var created = await client.PostOkAsync("/api/v1/products",
            """{"name":"Coffee club","description":"Fresh beans every month","type":"subscription","lookup_key":"coffee_club"}""");
        var id = created.GetProperty("id").GetString()!;
        var read = await client.GetFromJsonElementAsync($"/api/v1/products/{id}");

        Assert.StartsWith("prod_", id);
        Assert.Equal("product", created.GetProperty("object").GetString());
        Assert.Equal("Coffee club", created.GetProperty("name").GetString());
        Assert.Equal("Fresh beans every month", created.GetProperty("description").GetString());
        Assert.Equal("subscription", created.GetProperty("type").GetString());
        Assert.Equal("coffee_club", created.GetProperty("lookup_key").GetString());
        Assert.True(created.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("image").ValueKind);
        Assert.True(created.GetProperty("created").GetInt64() > 1_600_000_000, "created is a Unix time in seconds");
        Assert.True(JsonElement.DeepEquals(created, read), $"POST answered {created} but GET answered {read}");
    }

    [Fact]
    public async Task Archived_products_are_listed_under_active_false_only()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var kept = await client.CreateProductAsync("Kept");
        var archived = await client.CreateProductAsync("Archived");

        var archiveResponse = await client.PostOkAsync($"/api/v1/products/{archived}", """{"active":false}""");
        var inactive = await client.GetFromJsonElementAsync("/api/v1/products?active=false");
        var active = await client.GetFromJsonElementAsync("/api/v1/products?active=true");
        var all = await client.GetFromJsonElementAsync("/api/v1/products");
        var read = await client.GetFromJsonElementAsync($"/api/v1/products/{archived}");

        Assert.False(archiveResponse.GetProperty("active").GetBoolean());
        Assert.Equal("Archived", archiveResponse.GetProperty("name").GetString());
        Assert.Equal([archived], inactive.Ids());
        Assert.Equal([kept], active.Ids());
        Assert.Equal([archived, kept], all.Ids());
        Assert.False(read.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Update_changes_given_fields_keeps_absent_ones_and_empty_clears()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var id = (await client.PostOkAsync("/api/v1/products",
            """{"name":"Coffee club","description":"Fresh beans","type":"subscription","lookup_key":"club"}""")).GetProperty("id").GetString()!;
        var other = (await client.PostOkAsync("/api/v1/products", """{"name":"Other","lookup_key":"other"}""")).GetProperty("id").GetString()!;

        var renamed = await client.PostOkAsync($"/api/v1/products/{id}", """{"name":"Coffee club deluxe","description":""}""");
        using var stolenKey = await client.PostJsonAsync($"/api/v1/products/{id}", """{"lookup_key":"other"}""");
        var read = await client.GetFromJsonElementAsync($"/api/v1/products/{id}");

        Assert.Equal("Coffee club deluxe", renamed.GetProperty("name").GetString());
        await stolenKey.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "lookup_key");
        Assert.Equal("Coffee club deluxe", read.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, read.GetProperty("description").ValueKind);
        Assert.Equal("subscription", read.GetProperty("type").GetString());
        Assert.Equal("club", read.GetProperty("lookup_key").GetString());
        Assert.Equal("other", (await client.GetFromJsonElementAsync($"/api/v1/products/{other}")).GetProperty("lookup_key").GetString());
    }

    [Fact]
    public async Task Duplicate_lookup_key_is_refused_and_only_one_product_exists()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var first = await client.PostOkAsync("/api/v1/products", """{"name":"Bag 1 kg","lookup_key":"bag_1kg"}""");

        using var duplicate = await client.PostJsonAsync("/api/v1/products", """{"name":"Another bag","lookup_key":"bag_1kg"}""");
        var list = await client.GetFromJsonElementAsync("/api/v1/products?limit=100");

        await duplicate.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "lookup_key");
        Assert.Equal([first.GetProperty("id").GetString()!], list.Ids());
    }

    [Fact]
    public async Task Lookup_key_of_another_organization_is_free()
    {
        var (_, clientA) = await factory.NewOrganizationClientAsync();
        var (_, clientB) = await factory.NewOrganizationClientAsync();
        using var _a = clientA;
        using var _b = clientB;

        await clientA.PostOkAsync("/api/v1/products", """{"name":"Bag","lookup_key":"shared_key"}""");
        var b = await clientB.PostOkAsync("/api/v1/products", """{"name":"Bag","lookup_key":"shared_key"}""");

        Assert.Equal("shared_key", b.GetProperty("lookup_key").GetString());
    }

    [Fact]
    public async Task Unknown_field_is_400_parameter_unknown_and_nothing_is_created()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.PostJsonAsync("/api/v1/products", """{"name":"Coffee","colour":"brown"}""");
        var list = await client.GetFromJsonElementAsync("/api/v1/products");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_unknown", "colour");
        Assert.Empty(list.Ids());
    }

    [Fact]
    public async Task Unknown_enum_value_is_400_naming_the_field()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.PostJsonAsync("/api/v1/products", """{"name":"Coffee","type":"service"}""");
        var list = await client.GetFromJsonElementAsync("/api/v1/products");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_invalid", "type");
        Assert.Empty(list.Ids());
    }

    [Fact]
    public async Task Missing_name_is_400_parameter_missing()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;

        using var response = await client.PostJsonAsync("/api/v1/products", """{"description":"No name"}""");

        await response.ProblemAsync(HttpStatusCode.BadRequest, "parameter_missing", "name");
    }

    [Fact]
    public async Task Another_organizations_product_is_404_for_read_update_and_image()
    {
        var (_, clientA) = await factory.NewOrganizationClientAsync();
        var (_, clientB) = await factory.NewOrganizationClientAsync();
        using var _a = clientA;
        using var _b = clientB;
        var foreign = await clientB.CreateProductAsync("B's product");

        using var read = await clientA.GetAsync($"/api/v1/products/{foreign}");
        using var update = await clientA.PostJsonAsync($"/api/v1/products/{foreign}", """{"name":"Taken over","active":false}""");
        using var image = await clientA.PutAsync($"/api/v1/products/{foreign}/image", PngContent(Png));
        var own = await clientB.GetFromJsonElementAsync($"/api/v1/products/{foreign}");

        await read.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        await update.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        await image.ProblemAsync(HttpStatusCode.NotFound, "resource_missing");
        Assert.Equal("B's product", own.GetProperty("name").GetString());
        Assert.True(own.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.Null, own.GetProperty("image").ValueKind);
    }

    [Fact]
    public async Task Png_image_is_served_anonymously_with_the_same_bytes_and_a_long_cache()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var id = await client.CreateProductAsync();

        using var upload = await client.PutAsync($"/api/v1/products/{id}/image", PngContent(Png));
        Assert.True(upload.StatusCode == HttpStatusCode.OK, await upload.Content.ReadAsStringAsync());
        var url = (await upload.JsonAsync()).GetProperty("image").GetString()!;
        var read = await client.GetFromJsonElementAsync($"/api/v1/products/{id}");

        using var anonymous = factory.CreateApiClient(null);
        using var served = await anonymous.GetAsync(url);

        Assert.Equal(url, read.GetProperty("image").GetString());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await served.Content.ReadAsByteArrayAsync());
        var cache = served.Headers.CacheControl;
        Assert.NotNull(cache);
        Assert.True(cache.Public, $"Cache-Control: {cache}");
        Assert.True(cache.MaxAge >= TimeSpan.FromDays(30), $"Cache-Control: {cache}");
    }

    [Fact]
    public async Task Deleted_image_is_no_longer_served()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var id = await client.CreateProductAsync();
        using var upload = await client.PutAsync($"/api/v1/products/{id}/image", PngContent(Png));
        var url = (await upload.JsonAsync()).GetProperty("image").GetString()!;

        using var delete = await client.DeleteAsync($"/api/v1/products/{id}/image");
        var read = await client.GetFromJsonElementAsync($"/api/v1/products/{id}");
        using var anonymous = factory.CreateApiClient(null);
        using var served = await anonymous.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("image").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, served.StatusCode);
    }

    [Fact]
    public async Task Text_body_as_image_is_422_on_image_and_leaves_no_image()
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var id = await client.CreateProductAsync();

        using var content = new StringContent("this is not a picture", System.Text.Encoding.UTF8, "text/plain");
        using var response = await client.PutAsync($"/api/v1/products/{id}/image", content);
        var read = await client.GetFromJsonElementAsync($"/api/v1/products/{id}");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "image");
        Assert.Equal(JsonValueKind.Null, read.GetProperty("image").ValueKind);
    }

    public static TheoryData<string, byte[], string> HeadersOnly => new()
    {
        { "gif signature", "GIF89a"u8.ToArray(), "GIF file is damaged or incomplete" },
        { "png signature", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG file is damaged or incomplete" },
        { "riff webp", [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8], "WebP file is damaged or incomplete" },
        { "jpeg start and zeros", [0xFF, 0xD8, 0xFF, .. new byte[100]], "JPEG file is damaged or incomplete" },
        { "png bomb", TestImages.Png(50_000, 50_000), "The image is 50,000×50,000 pixels" },
    };

    [Theory, MemberData(nameof(HeadersOnly))]
    public async Task A_body_that_only_starts_like_an_image_is_422_on_image_with_the_reason(string name, byte[] body, string message)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var id = await client.CreateProductAsync();

        using var response = await client.PutAsync($"/api/v1/products/{id}/image", PngContent(body));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity, "parameter_invalid", "image");
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await client.GetFromJsonElementAsync($"/api/v1/products/{id}")).GetProperty("image").ValueKind);
        _ = name;
    }

    [Fact]
    public async Task Forty_eight_simultaneous_image_replaces_all_answer_200_and_the_product_shows_one_of_them()
    {
        var (organizationId, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var id = await client.CreateProductAsync();
        // Three keys of the organization, 16 uploads each, to stay under the per-key rate limit.
        var clients = new[] { client, factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId)), factory.CreateApiClient(await factory.CreateApiKeyAsync(organizationId)) };
        var images = Enumerable.Range(1, 48).Select(i => TestImages.Png(i, 1)).ToArray();

        var responses = await Task.WhenAll(images.Select(async (image, i) =>
        {
            using var content = PngContent(image);
            using var response = await clients[i % clients.Length].PutAsync($"/api/v1/products/{id}/image", content);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));

        Assert.All(responses, r => Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode}: {r.Body}"));
        var url = (await client.GetFromJsonElementAsync($"/api/v1/products/{id}")).GetProperty("image").GetString()!;
        using var served = await client.GetAsync(url);
        Assert.Contains(await served.Content.ReadAsByteArrayAsync(), images);
        foreach (var other in clients[1..]) other.Dispose();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Image_over_2_MB_is_refused_on_image(bool withContentLength)
    {
        var (_, client) = await factory.NewOrganizationClientAsync();
        using var _client = client;
        var id = await client.CreateProductAsync();
        var big = new byte[2 * 1024 * 1024 + 1];
        Png.CopyTo(big, 0);

        HttpContent content = withContentLength
            ? new ByteArrayContent(big)
            : new StreamContent(new UnseekableStream(new MemoryStream(big)));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var _content = content;
        using var response = await client.PutAsync($"/api/v1/products/{id}/image", content);
        var read = await client.GetFromJsonElementAsync($"/api/v1/products/{id}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity,
            $"Expected 413 or 422, got {(int)response.StatusCode}: {body}");
        await response.ProblemAsync(response.StatusCode, "parameter_invalid", "image");
        Assert.Equal(JsonValueKind.Null, read.GetProperty("image").ValueKind);
    }

    private static ByteArrayContent PngContent(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    /// <summary>Hides the length, so the upload goes without a Content-Length header.</summary>
    private sealed class UnseekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
