namespace PhonePlatform.Smpp.Tests.Integration;

/// <summary>The client against a real SMPP server (npm `smpp` on loopback), one simulator per test.</summary>
public sealed class SmppClientIntegrationTests
{
    private static readonly SmppAddress Sender = SmppAddress.International("+15551230000");
    private static readonly SmppAddress Recipient = SmppAddress.International("+4930123456");

    [Fact]
    public async Task SubmitAsync_ShortGsmText_ReturnsMessageIdAndReceiptFollows()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions());
        var events = new EventRecorder(client);
        await client.StartAsync();

        var result = await client.SubmitAsync(new SmsSubmission(Sender, Recipient, "Hello @ 10€"));

        Assert.True(result.Succeeded, result.Error?.StatusName);
        var submitted = Assert.Single((await smsc.StatsAsync()).Messages);
        Assert.Equal(result.MessageId, submitted.MessageId);
        Assert.Equal(("15551230000", 1, 1), (submitted.Source, submitted.SourceTon, submitted.SourceNpi));
        Assert.Equal(("4930123456", 1, 1), (submitted.Destination, submitted.DestinationTon, submitted.DestinationNpi));
        Assert.Equal((0x00, 0x00, 1), (submitted.EsmClass, submitted.DataCoding, submitted.RegisteredDelivery));
        Assert.Equal("48656C6C6F2000203130", submitted.ShortMessageHex[..20].ToUpperInvariant());
        Assert.EndsWith("1b65", submitted.ShortMessageHex, StringComparison.Ordinal);

        await EventRecorder.WaitUntilAsync(() => !events.Receipts.IsEmpty, "delivery receipt");
        var receipt = Assert.Single(events.Receipts);
        Assert.Equal(result.MessageId, receipt.MessageId);
        Assert.Equal(MessageState.Delivered, receipt.State);
        Assert.Equal("000", receipt.ErrorCode);
        Assert.Equal(Recipient, receipt.Source);
        var stats = await smsc.WaitForAsync(s => s.DeliverResps == 1);
        Assert.Equal([0u], stats.DeliverRespStatuses);
    }

    [Fact]
    public async Task SubmitAsync_LongText_SendsConcatenatedSegmentsWithUdh()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions());
        await client.StartAsync();
        var text = string.Concat(Enumerable.Repeat("0123456789", 40));

        var result = await client.SubmitAsync(new SmsSubmission(Sender, Recipient, text) { RequestDeliveryReceipt = false });

        Assert.True(result.Succeeded, result.Error?.StatusName);
        Assert.Equal(3, result.MessageIds.Count);
        var parts = (await smsc.StatsAsync()).Messages.OrderBy(m => m.ShortMessageHex[10..12], StringComparer.Ordinal).ToList();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, part => Assert.Equal(0x40, part.EsmClass));
        Assert.All(parts, part => Assert.Equal(0, part.RegisteredDelivery));
        var reference = parts[0].ShortMessageHex[6..8];
        Assert.Equal(["050003" + reference + "0301", "050003" + reference + "0302", "050003" + reference + "0303"],
            parts.Select(p => p.ShortMessageHex[..12]).ToArray());
        Assert.Equal([6 + 153, 6 + 153, 6 + 94], parts.Select(p => p.ShortMessageHex.Length / 2).ToArray());
        var septets = string.Concat(parts.Select(p => p.ShortMessageHex[12..]));
        Assert.Equal(Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(text)), septets.ToUpperInvariant());
    }

    [Fact]
    public async Task SubmitAsync_NonGsmText_UsesUcs2DataCoding()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions());
        await client.StartAsync();

        var result = await client.SubmitAsync(new SmsSubmission(Sender, Recipient, "Привет 😀") { RequestDeliveryReceipt = false });

        Assert.True(result.Succeeded, result.Error?.StatusName);
        var submitted = Assert.Single((await smsc.StatsAsync()).Messages);
        Assert.Equal(0x08, submitted.DataCoding);
        Assert.Equal(Convert.ToHexString(System.Text.Encoding.BigEndianUnicode.GetBytes("Привет 😀")), submitted.ShortMessageHex.ToUpperInvariant());
    }

    [Theory]
    [InlineData(0, "Hello from a phone 123")]
    [InlineData(8, "Grüße aus Köln 😀")]
    public async Task InboundDeliverSm_RaisesEventAndIsAcknowledged(int coding, string text)
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions());
        var events = new EventRecorder(client);
        await client.StartAsync();

        await smsc.CommandAsync($"deliver?from=15557654321&to=15551230000&coding={coding}&text={Uri.EscapeDataString(text)}");

        await EventRecorder.WaitUntilAsync(() => !events.Inbound.IsEmpty, "inbound message");
        var message = Assert.Single(events.Inbound);
        Assert.Equal(text, message.Text);
        Assert.Equal(new SmppAddress("15557654321", 1, 1), message.Source);
        Assert.Empty(events.Receipts);
        var stats = await smsc.WaitForAsync(s => s.DeliverResps == 1);
        Assert.Equal([0u], stats.DeliverRespStatuses);
    }

    [Fact]
    public async Task InboundDeliverSm_HandlerThrows_AnsweredWithTemporaryApplicationError()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions());
        client.InboundMessageReceived += (_, _) => throw new InvalidOperationException("storage down");
        await client.StartAsync();

        await smsc.CommandAsync("deliver?text=hi");

        var stats = await smsc.WaitForAsync(s => s.DeliverResps == 1);
        Assert.Equal([(uint)CommandStatus.TemporaryApplicationError], stats.DeliverRespStatuses);
        Assert.True(client.IsBound);
    }

    [Fact]
    public async Task SubmitAsync_Throttled_BacksOffAndRetriesUntilAccepted()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions());
        await client.StartAsync();
        await smsc.CommandAsync("throttle?count=3");

        var result = await client.SubmitAsync(new SmsSubmission(Sender, Recipient, "after the throttle"));

        Assert.True(result.Succeeded, result.Error?.StatusName);
        var stats = await smsc.StatsAsync();
        Assert.Equal((4, 3, 1), (stats.Submits, stats.Throttled, stats.Accepted));
    }

    [Fact]
    public async Task SubmitAsync_ThrottledBeyondRetries_ReturnsTransientThrottled()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        var options = smsc.ClientOptions();
        await using var client = new SmppClient(new SmppClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            SystemId = options.SystemId,
            Password = options.Password,
            MaxThrottleRetries = 1,
            ThrottleInitialDelay = TimeSpan.FromMilliseconds(10),
        });
        await client.StartAsync();
        await smsc.CommandAsync("throttle?count=10");

        var result = await client.SubmitAsync(new SmsSubmission(Sender, Recipient, "too fast"));

        Assert.False(result.Succeeded);
        Assert.Equal(SubmitFailure.Rejected, result.Error!.Kind);
        Assert.Equal("ESME_RTHROTTLED", result.Error.StatusName);
        Assert.True(result.Error.IsTransient);
        Assert.False(result.Error.OutcomeUnknown);
        Assert.Equal(2, (await smsc.StatsAsync()).Throttled);
    }

    [Fact]
    public async Task SmscDropsMidWindow_InFlightReportedUnknown_RetryLosesNothingAndDoublesOnlyUnknowns()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions());
        var events = new EventRecorder(client);
        await client.StartAsync();
        await smsc.CommandAsync("drop?answer=3&hold=4");
        var references = Enumerable.Range(1, 10).Select(i => $"ref-{i:D2}").ToArray();

        var first = await Task.WhenAll(references.Select(r => client.SubmitAsync(new SmsSubmission(Sender, Recipient, r) { RequestDeliveryReceipt = false })));

        var unknown = references.Where((_, i) => !first[i].Succeeded).ToHashSet();
        Assert.Equal(3, first.Count(r => r.Succeeded));
        Assert.All(first.Where(r => !r.Succeeded), r => Assert.True(r.Error!.IsTransient && r.Error.OutcomeUnknown, r.Error.StatusName));
        Assert.All(first.Where(r => !r.Succeeded), r => Assert.Equal(SubmitFailure.ConnectionLost, r.Error!.Kind));

        // The worker retries what it could not confirm, once the client has re-bound on its own.
        await EventRecorder.WaitUntilAsync(() => events.LinkUps >= 2, "re-bind after the drop");
        Assert.Equal(1, events.LinkDowns);
        var retried = await Task.WhenAll(unknown.Select(r => client.SubmitAsync(new SmsSubmission(Sender, Recipient, r) { RequestDeliveryReceipt = false })));
        Assert.All(retried, r => Assert.True(r.Succeeded, r.Error?.StatusName));

        var stats = await smsc.StatsAsync();
        var received = stats.Messages.GroupBy(m => m.Text!).ToDictionary(g => g.Key, g => g.Count());
        var accepted = stats.Messages.Where(m => m.Status == "accepted").GroupBy(m => m.Text!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(references.Order(), accepted.Keys.Order()); // nothing lost
        Assert.All(accepted.Values, count => Assert.Equal(1, count));
        Assert.All(received.Where(r => r.Value > 1), r => Assert.Contains(r.Key, unknown)); // only unknown outcomes doubled
        Assert.Equal(2, stats.Binds);
    }

    [Fact]
    public async Task StartAsync_WrongPassword_ThrowsBindFailed()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions(password: "wrong"));

        var error = await Assert.ThrowsAsync<SmppBindException>(() => client.StartAsync());

        Assert.Equal(CommandStatus.BindFailed, error.Status);
        Assert.Contains("ESME_RBINDFAIL", error.Message, StringComparison.Ordinal);
        Assert.False(client.IsBound);
        Assert.Equal(1, (await smsc.StatsAsync()).BindFailures);
    }

    [Fact]
    public async Task SmscUnbinds_ClientAnswersAndRebinds()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions());
        var events = new EventRecorder(client);
        await client.StartAsync();

        await smsc.CommandAsync("unbind");

        await EventRecorder.WaitUntilAsync(() => events.LinkUps >= 2, "re-bind after unbind");
        Assert.Contains(events.Links, l => !l.IsUp && l.Reason.Contains("unbind", StringComparison.Ordinal));
        var result = await client.SubmitAsync(new SmsSubmission(Sender, Recipient, "after unbind"));
        Assert.True(result.Succeeded, result.Error?.StatusName);
    }

    [Fact]
    public async Task IdleLink_SendsEnquireLinkAndSilentSmscIsDeclaredDead()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        var options = smsc.ClientOptions();
        await using var client = new SmppClient(new SmppClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            SystemId = options.SystemId,
            Password = options.Password,
            EnquireLinkInterval = TimeSpan.FromMilliseconds(100),
            RequestTimeout = TimeSpan.FromSeconds(1),
            ReconnectInitialDelay = TimeSpan.FromSeconds(30),
        });
        var events = new EventRecorder(client);
        await client.StartAsync();

        await smsc.WaitForAsync(s => s.EnquireLinks >= 2);
        Assert.True(client.IsBound);
        await smsc.CommandAsync("silence?enabled=1");

        await EventRecorder.WaitUntilAsync(() => events.LinkDowns == 1, "link declared dead");
        Assert.Contains("enquire_link", events.Links.Last().Reason, StringComparison.Ordinal);
        Assert.False(client.IsBound);
    }

    [Fact]
    public async Task SmscEnquireLinkAndUnknownCommand_AnsweredWithResponseAndGenericNack()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions());
        await client.StartAsync();

        // enquire_link (seq 0x100) then an unknown command_id 0x00000999 (seq 0x101), raw from the SMSC side.
        await smsc.CommandAsync("raw?hex=000000100000001500000000000001000000001000000999000000000000010" + "1");

        var stats = await smsc.WaitForAsync(s => s.EnquireLinkResps >= 1 && s.GenericNacks.Count >= 1);
        Assert.Equal(new SmscNack(0x101, (uint)CommandStatus.InvalidCommandId), stats.GenericNacks[0]);
        Assert.True(client.IsBound);
    }

    [Fact]
    public async Task SmscSendsHugeCommandLength_ClientNacksClosesAndRebinds()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions());
        var events = new EventRecorder(client);
        await client.StartAsync();

        await smsc.CommandAsync("raw?hex=7FFFFFFF0000000400000000000000AB");

        await EventRecorder.WaitUntilAsync(() => events.LinkUps >= 2, "re-bind after a framing error");
        Assert.Contains(events.Links, l => !l.IsUp && l.Reason.Contains("command_length", StringComparison.Ordinal));
        var result = await client.SubmitAsync(new SmsSubmission(Sender, Recipient, "still working"));
        Assert.True(result.Succeeded, result.Error?.StatusName);
    }

    [Fact]
    public async Task StopAsync_UnbindsFromTheSmsc()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        var client = new SmppClient(smsc.ClientOptions());
        await client.StartAsync();

        await client.DisposeAsync();

        await smsc.WaitForAsync(s => s.Unbinds == 1);
        Assert.False(client.IsBound);
    }

    [Fact]
    public async Task SubmitAsync_InvalidDestination_FailsPermanentlyWithoutSending()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        await using var client = new SmppClient(smsc.ClientOptions());
        await client.StartAsync();

        var result = await client.SubmitAsync(new SmsSubmission(Sender, new SmppAddress(new string('1', 25), 1, 1), "x"));

        Assert.Equal(SubmitFailure.Invalid, result.Error!.Kind);
        Assert.Equal("ESME_RINVDSTADR", result.Error.StatusName);
        Assert.False(result.Error.IsTransient);
        Assert.Equal(0, (await smsc.StatsAsync()).Submits);
    }

    [Fact]
    public async Task SubmitAsync_CarrierWantsPackedGsm_SendsPackedSeptets()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        var options = smsc.ClientOptions();
        await using var client = new SmppClient(new SmppClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            SystemId = options.SystemId,
            Password = options.Password,
            Gsm7Packing = Gsm7Packing.Packed,
        });
        await client.StartAsync();

        var result = await client.SubmitAsync(new SmsSubmission(Sender, Recipient, "hellohello") { RequestDeliveryReceipt = false });

        Assert.True(result.Succeeded, result.Error?.StatusName);
        var submitted = Assert.Single((await smsc.StatsAsync()).Messages);
        Assert.Equal("E8329BFD4697D9EC37", submitted.ShortMessageHex.ToUpperInvariant());
    }

    [Fact]
    public async Task SubmitAsync_LinkDownAndNotBackInTime_ReturnsNotBoundWithoutSending()
    {
        await using var smsc = await SmscSimulator.StartAsync();
        var options = smsc.ClientOptions();
        await using var client = new SmppClient(new SmppClientOptions
        {
            Host = options.Host,
            Port = options.Port,
            SystemId = options.SystemId,
            Password = options.Password,
            RequestTimeout = TimeSpan.FromSeconds(1),
            ReconnectInitialDelay = TimeSpan.FromMinutes(5),
        });
        var events = new EventRecorder(client);
        await client.StartAsync();
        await smsc.CommandAsync("drop?answer=0&hold=1");
        var lost = await client.SubmitAsync(new SmsSubmission(Sender, Recipient, "lost in flight"));
        await EventRecorder.WaitUntilAsync(() => events.LinkDowns == 1, "link down");

        var result = await client.SubmitAsync(new SmsSubmission(Sender, Recipient, "while down"));

        Assert.Equal(SubmitFailure.ConnectionLost, lost.Error!.Kind);
        Assert.Equal(SubmitFailure.NotBound, result.Error!.Kind);
        Assert.True(result.Error.IsTransient);
        Assert.False(result.Error.OutcomeUnknown);
        Assert.Equal(1, (await smsc.StatsAsync()).Submits);
    }
}
