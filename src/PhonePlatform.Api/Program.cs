var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/healthz", () => Results.Ok(new { status = "live" }));

await app.RunAsync();

/// <summary>Entry point marker for <c>WebApplicationFactory</c> in the integration tests.</summary>
public partial class Program;
