using Microsoft.EntityFrameworkCore;
using PhonePlatform.Api.Contracts;
using PhonePlatform.Api.UseCases;
using PhonePlatform.Data;

namespace PhonePlatform.Api.Hosting;

/// <summary>
/// Command-line verbs of the host, used by <c>deploy/run.sh</c>:
/// <c>migrate</c> applies migrations; <c>create-owner --email E --workspace W</c> creates the first workspace owner
/// with the password from the environment variable <c>PHONEPLATFORM_OWNER_PASSWORD</c>.
/// </summary>
public static class HostCommands
{
    public const string PasswordVariable = "PHONEPLATFORM_OWNER_PASSWORD";

    public static bool IsCommand(string[] args) => args is ["migrate", ..] or ["create-owner", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(args);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PhonePlatformDbContext>();
        switch (args[0])
        {
            case "migrate":
                await db.Database.MigrateAsync();
                Console.WriteLine("migrations applied");
                return 0;
            case "create-owner":
                return await CreateOwnerAsync(scope.ServiceProvider, args);
            default:
                return 2;
        }
    }

    private static async Task<int> CreateOwnerAsync(IServiceProvider services, string[] args)
    {
        var email = Option(args, "--email");
        var workspace = Option(args, "--workspace");
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (email is null || workspace is null || string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync($"usage: create-owner --email E --workspace NAME  (password in ${PasswordVariable})");
            return 2;
        }

        var outcome = await services.GetRequiredService<SignUp>().ExecuteAsync(new SignUpRequest(email, password, workspace), "127.0.0.1", CancellationToken.None);
        if (outcome.Failure is { } failure)
        {
            var reasons = failure.Errors?.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}")) ?? [failure.Detail];
            await Console.Error.WriteLineAsync($"owner not created: {string.Join(" ", reasons)}");
            return failure.Status == StatusCodes.Status409Conflict ? 3 : 1;
        }

        Console.WriteLine($"owner {email} created; workspace {outcome.Value!.WorkspaceId}");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
